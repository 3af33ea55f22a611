package dev.ampj.ops.bench;

import com.typesafe.config.ConfigFactory;
import dev.ampj.sim.env.BatchVecEnv;
import dev.ampj.sim.env.EnvIds;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.StepBuffers;
import dev.ampj.sim.task.VelocityTaskVecEnvs;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code amp bench sim}: steps a VecEnv of the embedded robot with a fixed action script and prints
 * control steps per second (all envs), per CPU-second of the stepping threads (the per-core rate,
 * robust to a shared machine) and per CPU-second of the whole process (GC and JIT included).
 */
@Command(name = "sim", mixinStandardHelpOptions = true,
        description = "Benchmark embedded physics stepping (control steps of all envs per second and per CPU-second).")
public final class BenchSimCommand implements Callable<Integer> {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--robot", defaultValue = "ostrich", description = "Embedded robot (default: ${DEFAULT-VALUE}).")
    String robot;

    @Option(names = "--engine", description = "Physics engine, overriding amp.sim.engine: reduced or ode4j "
            + "(default: the config's, reduced).")
    String engine;

    @Option(names = "--planar", arity = "1", description = "Overrides amp.sim.planar (false needs --engine ode4j).")
    Boolean planar;

    @Option(names = "--envs", defaultValue = "256", description = "Envs in the VecEnv (default: ${DEFAULT-VALUE}).")
    int envs;

    @Option(names = "--threads", defaultValue = "1", description = "Stepping threads (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--steps", defaultValue = "200", description = "Control steps per measured repeat (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup", defaultValue = "100", description = "Unmeasured control steps first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--repeats", defaultValue = "3", description = "Measured repeats; the best is reported (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--seed", defaultValue = "1", description = "Run seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--json", description = "Print one JSON line.")
    boolean json;

    @Override
    public Integer call() {
        if (!robot.equals("ostrich")) {
            throw new IllegalArgumentException("--robot " + robot + ": unknown robot; known robots: [ostrich]");
        }
        OptionChecks.atLeast("--envs", envs, 1);
        OptionChecks.atLeast("--threads", threads, 1);
        OptionChecks.atLeast("--steps", steps, 1);
        OptionChecks.atLeast("--warmup", warmup, 0);
        OptionChecks.atLeast("--repeats", repeats, 1);
        com.typesafe.config.Config config = ConfigFactory.load();
        if (engine != null) {
            config = config.withValue("amp.sim.engine", com.typesafe.config.ConfigValueFactory.fromAnyRef(engine));
        }
        if (planar != null) {
            config = config.withValue("amp.sim.planar", com.typesafe.config.ConfigValueFactory.fromAnyRef(planar));
        }
        SimSettings settings = SimSettings.fromConfig(config).withThreads(threads);
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<double[]> runs = new ArrayList<>();
        long ended = 0;
        try (BatchVecEnv env = VelocityTaskVecEnvs.create(settings, seed, EnvIds.range(0, envs))) {
            float[] actions = new float[envs * env.spec().actionDim()];
            StepBuffers b = env.buffers();
            int t = 0;
            for (; t < warmup; t++) {
                script(env, actions, t);
                env.step(actions);
            }
            for (int r = 0; r < repeats; r++) {
                long[] ids = steppingThreads(env);
                long threadCpu0 = cpu(mx, ids);
                long alloc0 = allocated(mx, ids);
                long proc0 = os.getProcessCpuTime();
                long wall0 = System.nanoTime();
                for (int k = 0; k < steps; k++, t++) {
                    script(env, actions, t);
                    env.step(actions);
                    for (int i = 0; i < envs; i++) {
                        ended += b.done(i) ? 1 : 0;
                    }
                }
                double wall = (System.nanoTime() - wall0) / 1e9;
                double threadCpu = (cpu(mx, ids) - threadCpu0) / 1e9;
                double proc = (os.getProcessCpuTime() - proc0) / 1e9;
                double n = (double) steps * envs;
                double alloc = (allocated(mx, ids) - alloc0) / n;
                runs.add(new double[] {n / wall, n / threadCpu, n / proc, wall, threadCpu, proc, alloc});
            }
        }
        double[] best = runs.get(0);
        for (double[] r : runs) {
            if (r[1] > best[1]) {
                best = r;
            }
        }
        double load = os.getSystemLoadAverage();
        java.io.PrintWriter out = spec.commandLine().getOut();
        if (json) {
            StringBuilder per = new StringBuilder();
            for (double[] r : runs) {
                per.append(per.length() == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.0f", r[1]));
            }
            out.printf(Locale.ROOT, "{\"bench\":\"sim\",\"robot\":\"%s\",\"engine\":\"%s\",\"planar\":%b,"
                    + "\"envs\":%d,\"threads\":%d,\"steps\":%d,\"repeats\":%d,\"env_steps_per_s\":%.0f,"
                    + "\"env_steps_per_cpu_s\":%.0f,\"env_steps_per_process_cpu_s\":%.0f,"
                    + "\"per_repeat_env_steps_per_cpu_s\":[%s],\"alloc_bytes_per_env_step\":%.0f,\"episodes_ended\":%d,"
                    + "\"cpus\":%d,\"load_avg\":%.2f}%n",
                    robot, dev.ampj.sim.ostrich.OstrichRobot.engineOf(settings).describe(), settings.planar(), envs, threads, steps, repeats,
                    best[0], best[1], best[2], per, best[6], ended, Runtime.getRuntime().availableProcessors(), load);
        } else {
            out.printf(Locale.ROOT, "bench sim: %s on %s, %d envs, %d thread(s), best of %d x %d control steps%n",
                    robot, dev.ampj.sim.ostrich.OstrichRobot.engineOf(settings).describe(), envs, threads, repeats, steps);
            out.printf(Locale.ROOT, "  env steps per second (wall):               %.0f%n", best[0]);
            out.printf(Locale.ROOT, "  env steps per CPU-second (stepping threads): %.0f%n", best[1]);
            out.printf(Locale.ROOT, "  env steps per CPU-second (whole process):    %.0f%n", best[2]);
            out.printf(Locale.ROOT, "  heap bytes allocated per env step (engine): %.0f%n", best[6]);
            out.printf(Locale.ROOT, "  episodes ended: %d; load average %.2f on %d CPUs%n", ended, load,
                    Runtime.getRuntime().availableProcessors());
        }
        out.flush();
        return 0;
    }

    /** The fixed action script: per-env sinusoids of the joint targets. */
    private static void script(BatchVecEnv env, float[] actions, int t) {
        int n = env.numEnvs();
        for (int i = 0; i < n; i++) {
            int id = env.envId(i);
            for (int j = 0; j < 6; j++) {
                actions[i * 6 + j] = (float) (0.6 * Math.sin(0.1 * t + 0.7 * id + 1.3 * j));
            }
        }
    }

    /** The caller plus the VecEnv's worker threads. */
    private static long[] steppingThreads(BatchVecEnv env) {
        List<Long> ids = new ArrayList<>();
        ids.add(Thread.currentThread().getId());
        for (Thread th : Thread.getAllStackTraces().keySet()) {
            if (th.getName().startsWith("vecenv-")) {
                ids.add(th.getId());
            }
        }
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    private static long allocated(ThreadMXBean mx, long[] ids) {
        if (!(mx instanceof com.sun.management.ThreadMXBean sun)) {
            return 0;
        }
        long sum = 0;
        for (long id : ids) {
            sum += Math.max(0, sun.getThreadAllocatedBytes(id));
        }
        return sum;
    }

    private static long cpu(ThreadMXBean mx, long[] ids) {
        long sum = 0;
        for (long id : ids) {
            long c = mx.getThreadCpuTime(id);
            sum += Math.max(0, c);
        }
        return sum;
    }
}
