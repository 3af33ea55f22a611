package dev.ampj.ops;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ampj.actors.config.RunConfig;
import dev.ampj.actors.eval.EngineSwitch;
import dev.ampj.actors.eval.EvalOptions;
import dev.ampj.actors.eval.EvalReport;
import dev.ampj.actors.eval.PolicyEvaluator;
import dev.ampj.actors.wire.TrainingCheckpoint;
import dev.ampj.ops.config.AmpConfig;
import dev.ampj.ops.config.RunsDirOption;
import dev.ampj.ops.train.CommandSupport;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.log.RunLogReader;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code amp eval}: how well a run's policy tracks its command and moves like the reference. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Score a run's deterministic policy: tracking error, falls, style distance to the reference "
                + "(with its floor and the untrained policy's), joint ranges, discriminator accuracy on fresh samples.")
public final class EvalCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "RUN", description = "Run name.")
    String run;

    @CommandLine.Mixin
    IterationOption iteration;

    @Option(names = "--envs", paramLabel = "E", description = "Envs, each commanded one of E speeds evenly spaced over the range (default: ${DEFAULT-VALUE}).")
    int envs = EvalOptions.DEFAULT_ENVS;

    @Option(names = "--seconds", paramLabel = "S", description = "Simulated seconds per env (default: ${DEFAULT-VALUE}).")
    double seconds = EvalOptions.DEFAULT_SECONDS;

    @Option(names = "--command", paramLabel = "MIN,MAX", split = ",",
            description = "Commanded forward speed range in m/s (default: the reference clips' slowest and fastest mean speed).")
    List<Double> command;

    @Option(names = "--seed", paramLabel = "SEED", description = "Seed of the eval envs' initial states (default: the run's seed).")
    Long seed;

    @Option(names = "--json", description = "Print the report as one JSON object.")
    boolean json;

    @Option(names = "--engine", paramLabel = "ENGINE",
            description = "Score on this engine instead of the run's: embedded (the run's embedded engine, or the default "
                    + "one for an external run), reduced, ode4j, or external (a connected simulator such as the MuJoCo "
                    + "ostrich client). Only the ostrich exists on both sides; the policy observation, action width, control "
                    + "step and AMP motion terms must match. The report's \"engine\" key names the engine that scored.")
    String engine;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "With --engine: override one key of the run's configuration for the scoring engine (repeatable), "
                    + "e.g. --set amp.gateway.address=tcp://127.0.0.1:5555.")
    List<String> sets = new java.util.ArrayList<>();

    @Option(names = "--reference-velocities", paramLabel = "FROM",
            description = "Score against the reference with its velocities from its files (file) or derived from its poses "
                    + "(positions), whatever the run trained with (default: the run's amp.motion.velocities): runs trained "
                    + "with either, measured on one yardstick.")
    String referenceVelocities;

    @CommandLine.Mixin
    RunsDirOption runsDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws JsonProcessingException {
        if (command != null && command.size() != 2) {
            throw new IllegalArgumentException("--command expects MIN,MAX (m/s), got " + command);
        }
        RunStore store = CommandSupport.store(ConfigFactory.load(), runsDir.get());
        RunCreated created;
        long at;
        Long chosen = iteration.resolve(store, run);
        try (RunLogReader r = store.openReader(run)) {
            created = r.runCreated();
            if (chosen != null) {
                at = chosen;
            } else {
                at = r.lastCommitted().map(IterationCommitted::iteration).orElseThrow(() ->
                        new IllegalArgumentException("run " + run + " has committed no iteration yet"));
            }
        }
        Config config = withReferenceVelocities(RunConfig.parse(created.config(), run));
        Config scoring = scoringConfig(config);
        if (dev.ampj.sim.env.SimSettings.ENGINE_EXTERNAL.equals((scoring == null ? config : scoring).getString("amp.sim.engine"))) {
            // the rollouts (and the rebuild of an iteration without a checkpoint) run on a connected client:
            // wait for its handshake first, so that a missing one is one error naming the address
            CommandSupport.components().envs(scoring == null ? config : scoring).versions();
        }
        EvalOptions options = new EvalOptions(envs, seconds, command == null ? null : command.get(0),
                command == null ? null : command.get(1), seed != null ? seed : created.seed(), EvalOptions.DEFAULT_WARMUP_SECONDS);
        TrainingCheckpoint state = CommandSupport.trainer(store).stateAt(run, at);
        EvalReport report = CommandSupport.evaluator().evaluate(run, at, config, scoring, created.seed(), state.learnerState(),
                options);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(report.asMap()));
        } else {
            print(out, report);
        }
        out.flush();
        return 0;
    }

    private Config withReferenceVelocities(Config config) {
        if (referenceVelocities == null) {
            return config;
        }
        dev.ampj.sim.motion.MotionSettings.Velocities.parse(referenceVelocities, "--reference-velocities " + referenceVelocities);
        return config.withValue("amp.motion.velocities", com.typesafe.config.ConfigValueFactory.fromAnyRef(referenceVelocities));
    }

    /**
     * The run's configuration on the {@code --engine} engine with the {@code --set} keys, or null to
     * score on the run's own engine (also when {@code --engine} names it).
     */
    private Config scoringConfig(Config config) {
        if (engine == null) {
            if (!sets.isEmpty()) {
                throw new IllegalArgumentException("--set changes the scoring engine's settings: give it with --engine");
            }
            return null;
        }
        String target = EngineSwitch.engine(config, engine);
        if (!EngineSwitch.switches(config, target)) {
            return sets.isEmpty() ? null : AmpConfig.validate(AmpConfig.withSets(config, sets));
        }
        return AmpConfig.validate(AmpConfig.withSets(EngineSwitch.scoringConfig(config, target), sets));
    }

    /**
     * "speed by command  0.50→0.47 …": the envs' commands and episode mean speeds, at most {@code most}
     * of them evenly spread over the envs (in command order), so a policy that settles on one speed
     * over a range of commands shows as such, where the mean tracking error only grows.
     */
    static String speedByCommand(List<EvalReport.EnvResult> envs, int most) {
        StringBuilder sb = new StringBuilder("speed by command  ");
        int n = envs.size();
        int shown = Math.min(n, most);
        for (int i = 0; i < shown; i++) {
            EvalReport.EnvResult e = envs.get(shown == 1 ? 0 : (int) Math.round(i * (n - 1) / (double) (shown - 1)));
            sb.append(String.format(Locale.ROOT, "%s%.2f→%.2f", i == 0 ? "" : "  ", e.command(), e.meanSpeed()));
        }
        return sb.append(" m/s").toString();
    }

    private static void print(PrintWriter out, EvalReport r) {
        out.printf(Locale.ROOT, "run %s, iteration %d on %s: %d envs x %.1f s, commands %.2f..%.2f m/s, deterministic actions%n",
                r.run(), r.iteration(), r.engine(), r.envs(), r.seconds(), r.commandMin(), r.commandMax());
        out.printf(Locale.ROOT, "  tracking error      %.3f m/s (episode mean speed vs command; instantaneous %.3f)%n",
                r.trackingError(), r.trackingErrorInstant());
        out.println("    " + speedByCommand(r.perEnv(), 8));
        out.printf(Locale.ROOT, "  falls               %d (%.2f per minute); mean episode %.0f steps%n",
                r.falls(), r.fallsPerMinute(), r.episodeLength());
        out.printf(Locale.ROOT, "  style distance      %.3f (floor: reference halves %.3f; untrained policy %.3f)%n",
                r.styleDistance(), r.styleDistanceFloor(), r.styleDistanceInit());
        StringBuilder terms = new StringBuilder();
        r.styleDistanceByTerm().forEach((t, d) -> terms.append(String.format(Locale.ROOT, " %s %.2f", t, d)));
        out.println("    by AMP term:" + terms);
        if (r.styleDistanceMatched() != null) {
            EvalReport.MatchedStyle m = r.styleDistanceMatched();
            out.printf(Locale.ROOT, "  style at the gaits' speeds %.3f (floor %.3f; untrained %.3f): each clip against the policy "
                    + "commanded at its speed%n", m.distance(), m.floor(), m.init());
            m.cadence().forEach((clip, c) -> out.printf(Locale.ROOT, "    cadence %.2f Hz (reference %.2f Hz) at %s's speed%n",
                    c.policyHz(), c.referenceHz(), clip));
        }
        out.printf(Locale.ROOT, "  joint velocity residual %.2f rad/s (reference %.2f): RMS of (q̇+q̇′)/2 − Δq/Δt%n",
                r.jointVelocityResidualPolicy(), r.jointVelocityResidualReference());
        out.printf(Locale.ROOT, "  joint range error   %.3f rad (%.3f after each episode's warm-up)%n", r.jointRangeError(),
                r.jointRangeErrorGait());
        for (EvalReport.JointRange j : r.jointRanges()) {
            out.printf(Locale.ROOT, "    %-12s policy [%6.2f, %6.2f], after warm-up [%6.2f, %6.2f]  reference [%6.2f, %6.2f]%n",
                    j.joint(), j.policyMin(), j.policyMax(), j.policyGaitMin(), j.policyGaitMax(), j.referenceMin(), j.referenceMax());
        }
        out.printf(Locale.ROOT, "  D accuracy          policy %.3f, reference %.3f (fresh samples)%n",
                r.dAccuracyPolicy(), r.dAccuracyReference());
    }
}
