package dev.ampj.actors.eval;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.ampj.actors.env.Components;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.VecEnvSpec;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.task.VelocityTaskVecEnvs;
import java.util.List;

/**
 * The configuration that scores a run's policy on another engine than the one it trained on: the
 * run's settings with {@code amp.sim.engine} replaced. Only the built-in ostrich exists on both
 * sides (the embedded engines and the MuJoCo client's), so a declared robot is refused. The AMP
 * rows of the scoring engine are single frames without a gait condition: an external simulator
 * writes its own (one frame, no condition), and an external run's discriminator never saw more; a
 * run's older frames and condition are added on the platform side for its discriminator
 * ({@link DiscriminatorColumns}).
 */
public final class EngineSwitch {

    /** {@code --engine} value for the run's embedded engine, or the reference default for an external run. */
    public static final String EMBEDDED = "embedded";
    private static final String ENGINE_KEY = "amp.sim.engine";
    private static final String CONDITION_KEY = "amp.sim.observations.amp-gait-condition";
    private static final String HISTORY_KEY = "amp.sim.observations.amp-history-length";

    private EngineSwitch() {}

    /** Every {@code --engine} value. */
    public static List<String> choices() {
        return List.of(EMBEDDED, SimSettings.ENGINE_REDUCED, SimSettings.ENGINE_ODE4J, SimSettings.ENGINE_EXTERNAL);
    }

    /** The {@code amp.sim.engine} that {@code choice} means for a run configured {@code runConfig}. */
    public static String engine(Config runConfig, String choice) {
        if (!choices().contains(choice)) {
            throw new IllegalArgumentException("--engine " + choice + ": expected one of " + choices());
        }
        if (!EMBEDDED.equals(choice)) {
            return choice;
        }
        String own = runConfig.getString(ENGINE_KEY);
        return SimSettings.ENGINES.contains(own) ? own : ConfigFactory.defaultReference().getString(ENGINE_KEY);
    }

    /** True when scoring on {@code engine} is not the run's own engine. */
    public static boolean switches(Config runConfig, String engine) {
        return !runConfig.getString(ENGINE_KEY).equals(engine);
    }

    /**
     * The run's configuration scored on {@code engine} (an {@link #engine} result other than the
     * run's): refused for any robot but the ostrich.
     */
    public static Config scoringConfig(Config runConfig, String engine) {
        String robot = runConfig.getString("amp.sim.robot");
        if (!OstrichLayout.ROBOT.equals(robot)) {
            throw new IllegalArgumentException("--engine " + engine + ": run's robot is " + robot + ", which only its external "
                    + "simulator has; scoring on another engine needs the built-in " + OstrichLayout.ROBOT);
        }
        return runConfig.withValue(ENGINE_KEY, ConfigValueFactory.fromAnyRef(engine))
                .withValue(CONDITION_KEY, ConfigValueFactory.fromAnyRef(false))
                .withValue(HISTORY_KEY, ConfigValueFactory.fromAnyRef(1));
    }

    /**
     * The layout the run trained on, without its engine: an embedded run's env spec, or for an
     * external ostrich run the velocity task's spec its clients were held to (no gait condition),
     * so scoring it elsewhere needs no client of its own.
     */
    static VecEnvSpec trainedSpec(Components components, Config runConfig) {
        SimSettings sim = SimSettings.fromConfig(runConfig);
        if (SimSettings.ENGINE_EXTERNAL.equals(sim.engine())) {
            return VelocityTaskVecEnvs.spec(sim, SimSettings.ENGINE_EXTERNAL);
        }
        return components.envs(runConfig).spec();
    }
}
