package dev.ampj.ops;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import dev.ampj.actors.api.PeriodicEvaluation;
import dev.ampj.actors.cluster.ClusterClient;
import dev.ampj.actors.cluster.NodeAddress;
import dev.ampj.actors.cluster.RemoteRun;
import dev.ampj.actors.config.RunConfig;
import dev.ampj.ops.config.AmpConfig;
import dev.ampj.ops.train.CommandSupport;
import dev.ampj.ops.train.IterationTable;
import dev.ampj.ops.train.SessionOptions;
import dev.ampj.ops.train.SessionRunner;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;

/**
 * {@code amp train|resume|fork --cluster}: the request is sent to the learner node, which trains the
 * run on the cluster in its runs directory; its table and outcome are printed here as for a local run.
 */
final class ClusterTrain {

    private ClusterTrain() {}

    /** One request to the learner node, followed by the table made from the learner's answer. */
    private interface Submission {
        RemoteRun submit(ClusterClient client, RemoteRun.Follower follower, Duration timeout);
    }

    static int run(TrainCommand c, Config config) {
        String run = c.runName();
        Long target = CommandSupport.iterations(c.iterations);
        return follow(c.cluster, c.session, c.spec, config,
                (client, follower, timeout) -> RemoteRun.train(client, run, RunConfig.render(config), target, c.session.maxTime(),
                        follower, timeout),
                (remote, learner) -> "amp: training run " + run + " on cluster " + learner + " in " + remote.started().runsDir()
                        + " (learner's machine) to iteration " + remote.started().target());
    }

    /** `amp resume RUN --cluster HOST:PORT`: the run in the learner's runs directory continues there. */
    static int resume(ResumeCommand c, Config config) {
        return follow(c.cluster, c.session, c.spec, config,
                (client, follower, timeout) -> RemoteRun.resume(client, c.run, CommandSupport.iterations(c.iterations),
                        c.session.maxTime(), follower, timeout),
                (remote, learner) -> "amp: resuming run " + c.run + " on cluster " + learner + " after iteration "
                        + (remote.started().first() - 1) + " to iteration " + remote.started().target());
    }

    /**
     * `amp fork RUN --at N|best --cluster HOST:PORT`: the child is made from the parent in the learner's runs directory
     * and trains there; {@code best} is resolved there, from the parent's eval.jsonl on the learner node.
     */
    static int fork(ForkCommand c, Config config) {
        Long at = c.atChoice.best() ? null : c.atChoice.number();
        // With best and no --name the learner node names the child <RUN>-at<N> once it has resolved N.
        String child = c.name != null ? c.name : at != null ? c.parent + "-at" + at : null;
        List<String> sets = rendered(c.sets);
        return follow(c.cluster, c.session, c.spec, config,
                (client, follower, timeout) -> RemoteRun.fork(client, c.parent, at, sets, child,
                        CommandSupport.iterations(c.iterations), c.session.maxTime(), follower, timeout),
                (remote, learner) -> "amp: forking " + c.parent + " at iteration " + (remote.started().first() - 1)
                        + (at == null ? " (its best in-training eval)" : "") + " as run " + remote.run() + " on cluster "
                        + learner + " in " + remote.started().runsDir() + " (learner's machine) to iteration "
                        + remote.started().target());
    }

    /** {@code --set} changes checked here (unknown key, bad syntax) and sent with their values as HOCON. */
    private static List<String> rendered(List<String> sets) {
        Config changes = AmpConfig.withSets(ConfigFactory.empty(), sets);
        List<String> out = new ArrayList<>();
        for (String set : sets) {
            String key = set.substring(0, set.indexOf('=')).trim();
            out.add(key + "=" + changes.getValue(key).render(ConfigRenderOptions.concise()));
        }
        return out;
    }

    private static int follow(String cluster, SessionOptions session, CommandLine.Model.CommandSpec spec, Config config,
            Submission submission, java.util.function.BiFunction<RemoteRun, NodeAddress, String> note) {
        NodeAddress learner = NodeAddress.parse(cluster, "--cluster");
        if (session.runsDir() != null) {
            throw new IllegalArgumentException("--runs-dir does not apply with --cluster: the run lives in the learner node's --runs-dir");
        }
        int evalEvery = session.evalEvery();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ClusterClient client = ClusterClient.connect(learner, config, Duration.ofSeconds(15))) {
            IterationTable[] table = new IterationTable[1];
            // The learner node evaluates (eval.jsonl in the run's directory there); its lines and style_d show here.
            RemoteRun.Follower follower = new RemoteRun.Follower(
                    s -> table[0] = session.table(out, s.run(), s.first(), s.target(), s.stepsPerIteration()), evalEvery,
                    new PeriodicEvaluation.Reports() {
                        @Override
                        public void evaluated(double styleDistance, String line) {
                            table[0].evaluated(styleDistance);
                            table[0].note(err, line);
                        }

                        @Override
                        public void note(String line) {
                            table[0].note(err, line);
                        }
                    });
            RemoteRun remote = submission.submit(client, follower, Duration.ofSeconds(60));
            table[0].note(err, note.apply(remote, learner));
            String run = remote.run();
            return SessionRunner.run(run, remote::requestStop, () -> remote.outcome().join(), detached(run, learner), err);
        }
    }

    private static String detached(String run, NodeAddress learner) {
        return "no longer following " + run + "; the learner node stops it after the current iteration (`amp resume " + run
                + " --cluster " + learner + "` continues it)";
    }
}
