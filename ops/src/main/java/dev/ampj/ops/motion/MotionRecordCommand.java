package dev.ampj.ops.motion;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.motion.KinematicClip;
import dev.ampj.sim.motion.formats.IsaacLabFormat;
import dev.ampj.sim.motion.record.Gait;
import dev.ampj.sim.motion.record.GaitRecorder;
import dev.ampj.sim.ostrich.OstrichRobot;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code amp motion record --robot ostrich --gait walk --speed 1.0 --seconds 20 --out walk.npz}:
 * runs the embedded robot under the SIMBICON controller and writes the gait as an Isaac Lab motion
 * {@code .npz} at the control rate of {@code amp.sim}. A gait that falls (a speed outside
 * what it holds) is an error (exit 2): nothing is written. Each engine has its own SIMBICON
 * parameters ({@link Gait#named(String, String)}); the bundled reference gaits are recordings on the
 * default, reduced engine (walk 1.0 m/s, march 0.5 m/s, 10 s each after a 4 s warm-up).
 */
@Command(name = "record", mixinStandardHelpOptions = true,
        description = "Record a reference gait from the embedded robot under a SIMBICON walking controller "
                + "(Isaac Lab .npz at the control rate).")
public final class MotionRecordCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--robot", defaultValue = "ostrich", paramLabel = "ROBOT", description = "Robot (known: ostrich). Default: ${DEFAULT-VALUE}.")
    String robot;

    @Option(names = "--gait", defaultValue = "walk", paramLabel = "GAIT", description = "Gait (known: walk, march). Default: ${DEFAULT-VALUE}.")
    String gait;

    @Option(names = "--engine", paramLabel = "ENGINE", description = "Physics engine, overriding amp.sim.engine: reduced or ode4j "
            + "(default: the config's, reduced); each engine has its own gait parameters. The bundled gaits were recorded on reduced.")
    String engine;

    @Option(names = "--speed", defaultValue = "1.0", paramLabel = "M_PER_S", description = "Commanded forward speed (m/s). Default: ${DEFAULT-VALUE}.")
    double speed;

    @Option(names = "--seconds", defaultValue = "20", paramLabel = "S", description = "Length of the recorded clip (s). Default: ${DEFAULT-VALUE}.")
    double seconds;

    @Option(names = "--warmup", defaultValue = "4", paramLabel = "S", description = "Walking before recording starts, to let the gait settle (s). Default: ${DEFAULT-VALUE}.")
    double warmup;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output .npz (Isaac Lab format).")
    Path out;

    @Override
    public Integer call() throws Exception {
        if (!robot.equals("ostrich")) {
            throw new IllegalArgumentException("--robot " + robot + ": unknown robot (known: ostrich)");
        }
        Config config = ConfigFactory.load();
        if (engine != null) {
            config = config.withValue("amp.sim.engine", ConfigValueFactory.fromAnyRef(engine));
        }
        SimSettings sim = SimSettings.fromConfig(config);
        Gait g = Gait.named(gait, sim.engine());
        KinematicClip clip = GaitRecorder.record(sim, g, speed, seconds, warmup);
        IsaacLabFormat.write(clip, out);
        double distance = clip.bodyPos()[(clip.frames() - 1) * clip.bodies() * 3] - clip.bodyPos()[0];
        spec.commandLine().getOut().printf("wrote %s: %s on %s, %d frames at %.0f fps (%.2f s), mean speed %.2f m/s%n",
                out, g.name(), OstrichRobot.engineOf(sim).describe(), clip.frames(), clip.fps(), clip.duration(), distance / clip.duration());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
