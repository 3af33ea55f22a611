package dev.ampj.ops;

import com.typesafe.config.Config;
import dev.ampj.actors.cluster.ClusterClient;
import dev.ampj.actors.cluster.NodeAddress;
import dev.ampj.actors.cluster.RemoteRun;
import dev.ampj.actors.config.RunConfig;
import dev.ampj.ops.train.CommandSupport;
import dev.ampj.ops.train.IterationTable;
import dev.ampj.ops.train.SessionRunner;
import java.io.PrintWriter;
import java.time.Duration;

/**
 * {@code amp train --cluster}: the configuration is resolved here and sent to the learner node,
 * which trains the run on the cluster; its table and outcome are printed here as for a local run.
 */
final class ClusterTrain {

    private ClusterTrain() {}

    /** `amp resume RUN --cluster HOST:PORT`: the run in the learner's runs directory continues there. */
    static int resume(ResumeCommand c, Config config) {
        NodeAddress learner = NodeAddress.parse(c.cluster, "--cluster");
        if (c.session.runsDir() != null) {
            throw new IllegalArgumentException("--runs-dir does not apply with --cluster: the run lives in the learner node's --runs-dir");
        }
        PrintWriter out = c.spec.commandLine().getOut();
        PrintWriter err = c.spec.commandLine().getErr();
        try (ClusterClient client = ClusterClient.connect(learner, config, Duration.ofSeconds(15))) {
            IterationTable[] table = new IterationTable[1];
            RemoteRun remote = RemoteRun.resume(client, c.run, CommandSupport.iterations(c.iterations), c.session.maxTime(),
                    s -> table[0] = c.session.table(out, c.run, s.first(), s.target(), s.stepsPerIteration()), Duration.ofSeconds(60));
            table[0].note(err, "amp: resuming run " + c.run + " on cluster " + learner + " after iteration "
                    + (remote.started().first() - 1) + " to iteration " + remote.started().target());
            return SessionRunner.run(c.run, remote::requestStop, () -> remote.outcome().join(), detached(c.run, learner), err);
        }
    }

    private static String detached(String run, NodeAddress learner) {
        return "no longer following " + run + "; the learner node stops it after the current iteration (`amp resume " + run
                + " --cluster " + learner + "` continues it)";
    }

    static int run(TrainCommand c, Config config) {
        NodeAddress learner = NodeAddress.parse(c.cluster, "--cluster");
        if (c.session.runsDir() != null) {
            throw new IllegalArgumentException("--runs-dir does not apply with --cluster: the run lives in the learner node's --runs-dir");
        }
        String run = c.runName();
        Long target = CommandSupport.iterations(c.iterations);
        PrintWriter out = c.spec.commandLine().getOut();
        PrintWriter err = c.spec.commandLine().getErr();
        try (ClusterClient client = ClusterClient.connect(learner, config, Duration.ofSeconds(15))) {
            IterationTable[] table = new IterationTable[1];
            RemoteRun remote = RemoteRun.train(client, run, RunConfig.render(config), target, c.session.maxTime(),
                    s -> table[0] = c.session.table(out, run, s.first(), s.target(), s.stepsPerIteration()), Duration.ofSeconds(60));
            table[0].note(err, "amp: training run " + run + " on cluster " + learner + " in " + remote.started().runsDir()
                    + " (learner's machine) to iteration " + remote.started().target());
            return SessionRunner.run(run, remote::requestStop, () -> remote.outcome().join(), detached(run, learner), err);
        }
    }
}
