package dev.ampj.ops.motion;

import dev.ampj.sim.motion.KinematicClip;
import dev.ampj.sim.motion.MotionResampler;
import dev.ampj.sim.motion.ReferenceMotion;
import dev.ampj.sim.motion.formats.IsaacLabFormat;
import dev.ampj.sim.motion.formats.MotionFiles;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code amp motion convert IN --to isaaclab --out OUT [--fps F]}: reads a kinematic motion file
 * (Isaac Lab, BeyondMimic or amp-rsl-rl), optionally resamples it, and writes the Isaac Lab /
 * BeyondAMP {@code .npz} (quaternions wxyz, velocities computed where the input had none).
 */
@Command(name = "convert", mixinStandardHelpOptions = true,
        description = "Convert a kinematic reference motion file to the Isaac Lab / BeyondAMP .npz format.")
public final class MotionConvertCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Input motion file.")
    String in;

    @Option(names = "--to", required = true, paramLabel = "FORMAT", description = "Output format: isaaclab (the only one written).")
    String to;

    @Option(names = "--out", required = true, paramLabel = "OUT", description = "Output .npz file (replaced atomically).")
    Path out;

    @Option(names = "--fps", paramLabel = "FPS", description = "Resample to this rate (linear/slerp); default: keep the input's.")
    Double fps;

    @Mixin
    MotionReadOptionsMixin read = new MotionReadOptionsMixin();

    @Override
    public Integer call() throws Exception {
        if (!to.equalsIgnoreCase("isaaclab")) {
            throw new IllegalArgumentException("--to " + to + ": unknown output format (known: isaaclab)");
        }
        if (fps != null && !(fps > 0 && Double.isFinite(fps))) {
            throw new IllegalArgumentException("--fps " + fps + ": expected a positive number");
        }
        ReferenceMotion m = MotionFiles.read(in, read.toOptions());
        if (!(m instanceof KinematicClip clip)) {
            throw new IllegalArgumentException(in + ": holds " + m.format().description()
                    + " (AMP observations, not kinematics); it cannot be converted to isaaclab");
        }
        if (clip.dofNames() == null || clip.bodyNames() == null) {
            throw new IllegalArgumentException(in + ": has no " + (clip.dofNames() == null ? "joint" : "body")
                    + " names; give them with " + (clip.dofNames() == null ? "--dof-names" : "--body-names"));
        }
        KinematicClip result = fps == null ? clip : MotionResampler.resample(clip, fps);
        IsaacLabFormat.write(result, out);
        for (String w : clip.warnings()) {
            spec.commandLine().getErr().println("warning: " + in + ": " + w);
        }
        spec.commandLine().getOut().printf("wrote %s: %d frames at %s fps (%.4f s), %d joints, %d bodies%n",
                out, result.frames(), result.fps(), result.duration(), result.dofs(), result.bodies());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
