package dev.ampj.ops.bench;

import com.typesafe.config.ConfigFactory;
import dev.ampj.sim.env.EnvIds;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.VecEnvSpec;
import dev.ampj.sim.gateway.ExternalVecEnv;
import dev.ampj.sim.gateway.GatewayClients;
import dev.ampj.sim.gateway.GatewaySettings;
import dev.ampj.sim.task.EpisodeStarts;
import dev.ampj.sim.task.VelocityTaskVecEnvs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code amp bench gateway}: the MuJoCo ostrich client (a Python process) stepped through the
 * gateway over loopback TCP. Reports step round trips per second, env steps per second, payload
 * bytes per second, the client's own seconds per step inside MuJoCo and the gateway's share of a
 * round trip (everything that is not the client's step: framing, checks, copies, transport).
 */
@Command(name = "gateway", mixinStandardHelpOptions = true,
        description = "Benchmark the simulator gateway with the MuJoCo ostrich client (round trips/s, the gateway's share of a step).")
public final class BenchGatewayCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--envs", defaultValue = "1024", description = "Envs of the client (default: ${DEFAULT-VALUE}).")
    int envs;

    @Option(names = "--steps", defaultValue = "30", description = "Measured control steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "5", description = "Unmeasured control steps first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--python", description = "Python with mujoco, pyzmq and numpy (default: $AMP_TEST_PYTHON, else python3).")
    String python;

    @Option(names = "--client", defaultValue = "sim-gateway/clients/python/examples/mujoco_ostrich.py",
            description = "The client script (default: ${DEFAULT-VALUE}).")
    Path client;

    @Option(names = "--json", description = "Print one JSON line.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        OptionChecks.atLeast("--envs", envs, 1);
        OptionChecks.atLeast("--steps", steps, 1);
        OptionChecks.atLeast("--warmup", warmup, 0);
        if (!Files.isRegularFile(client)) {
            throw new IllegalArgumentException("--client " + client + ": no such file (run from the repository root or give --client)");
        }
        String py = python != null ? python : System.getenv().getOrDefault("AMP_TEST_PYTHON", "python3");
        String address;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            address = "tcp://127.0.0.1:" + s.getLocalPort();
        }
        SimSettings sim = SimSettings.fromConfig(ConfigFactory.load().withValue("amp.sim.engine",
                com.typesafe.config.ConfigValueFactory.fromAnyRef(SimSettings.ENGINE_EXTERNAL)));
        VecEnvSpec envSpec = VelocityTaskVecEnvs.spec(sim, "external (bench)");
        // episode starts from the default pose (no reference motion loaded): the rows cross the wire as in a run
        EpisodeStarts starts = new EpisodeStarts(1, sim.withoutReferenceStates(), null);
        GatewaySettings settings = new GatewaySettings(address, "", 1, Duration.ofSeconds(60), Duration.ofSeconds(120), 1 << 20);
        Path log = Files.createTempFile("amp-bench-gateway", ".log");
        Process proc;
        try {
            proc = new ProcessBuilder(py, client.toString(), "--envs", Integer.toString(envs), "--connect", address, "--stats-json")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("--python " + py + ": cannot start it (" + e.getMessage()
                    + "); python3 -m venv V && V/bin/pip install mujoco pyzmq numpy, then --python V/bin/python");
        }
        int[] ids = EnvIds.range(0, envs);
        float[] actions = new float[envs * 6];
        double roundTrip;
        boolean startsSent;
        try (GatewayClients clients = new GatewayClients(settings, envSpec)) {
            ExternalVecEnv env;
            try {
                env = new ExternalVecEnv(clients.take(ids, 1), envSpec, ids, settings.stepTimeout(), clients::release,
                        (slot, episode, out, offset) -> starts.write(ids[slot], episode, out, offset));
            } catch (RuntimeException e) {
                proc.destroyForcibly();
                throw new IllegalArgumentException("the MuJoCo client did not connect: " + e.getMessage() + "; its output: "
                        + Files.readString(log).strip());
            }
            startsSent = env.hello().referenceStateReset();
            long t0 = 0;
            for (int t = 0; t < warmup + steps; t++) {
                if (t == warmup) {
                    t0 = System.nanoTime();
                }
                for (int i = 0; i < actions.length; i++) {
                    actions[i] = (float) (0.5 * Math.sin(0.3 * t + i)); // a fixed script, not random
                }
                env.step(actions);
            }
            roundTrip = (System.nanoTime() - t0) / 1e9 / steps;
        }
        if (!proc.waitFor(60, TimeUnit.SECONDS)) {
            proc.destroyForcibly();
        }
        String out = Files.readString(log);
        Files.deleteIfExists(log);
        String line = out.lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("the client printed no statistics: " + out.strip()));
        com.typesafe.config.Config stats = ConfigFactory.parseString(line);
        java.util.List<Double> times = stats.getDoubleList("step_times");
        double clientStep = times.subList(times.size() - steps, times.size()).stream().mapToDouble(Double::doubleValue).sum()
                / steps; // the measured steps only
        int startWidth = startsSent ? EpisodeStarts.WIDTH : 0; // STEP carries the next episode starts
        long bytesPerStep = 32L + 4L * envs * (6 + startWidth) + 32L + 4L * envs * (envSpec.policyDim() + 2L * envSpec.criticDim()
                + 2L * envSpec.ampDim() + envSpec.rewardTerms().size() + 3);
        double share = Math.max(0, 1 - clientStep / roundTrip);
        java.io.PrintWriter w = spec.commandLine().getOut();
        if (json) {
            w.printf(Locale.ROOT, "{\"bench\":\"gateway\",\"transport\":\"tcp-loopback\",\"envs\":%d,\"steps\":%d,"
                    + "\"round_trips_per_s\":%.2f,\"steps_per_s\":%.0f,\"bytes_per_s\":%.0f,\"client_step_s\":%.6f,"
                    + "\"round_trip_s\":%.6f,\"gateway_share\":%.4f,\"cpus\":%d}%n", envs, steps, 1 / roundTrip, envs / roundTrip,
                    bytesPerStep / roundTrip, clientStep, roundTrip, share, Runtime.getRuntime().availableProcessors());
        } else {
            w.printf(Locale.ROOT, "bench gateway: MuJoCo ostrich, %d envs, %d steps over tcp loopback%n", envs, steps);
            w.printf(Locale.ROOT, "  round trips per second:      %.2f (%.0f env steps/s, %.1f MB/s)%n", 1 / roundTrip,
                    envs / roundTrip, bytesPerStep / roundTrip / 1e6);
            w.printf(Locale.ROOT, "  client step (MuJoCo + task): %.2f ms; round trip %.2f ms%n", clientStep * 1e3, roundTrip * 1e3);
            w.printf(Locale.ROOT, "  gateway share of a step:     %.1f%%%n", 100 * share);
        }
        return 0;
    }
}
