package dev.ampj.ops;

import dev.ampj.ops.bench.BenchCommand;
import dev.ampj.ops.motion.MotionCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code amp} command line: the platform's only entry point. */
@Command(
        name = "amp",
        mixinStandardHelpOptions = true,
        versionProvider = AmpVersion.class,
        description = "Train simulated robots with PPO + Adversarial Motion Priors; every run is an event log.",
        subcommands = {
            TrainCommand.class,
            ResumeCommand.class,
            ForkCommand.class,
            ReplayCommand.class,
            RunsCommand.class,
            ProbeCommand.class,
            ServeCommand.class,
            EvalCommand.class,
            PlotCommand.class,
            RenderCommand.class,
            PlayCommand.class,
            ExportCommand.class,
            MotionCommand.class,
            BenchCommand.class,
            dev.ampj.ops.cluster.NodeCommand.class,
            dev.ampj.ops.cluster.ClusterCommand.class,
            CommandLine.HelpCommand.class
        })
public final class AmpCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** Builds the configured command line; tests call this instead of {@link #main}. */
    public static CommandLine commandLine() {
        return new CommandLine(new AmpCli())
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new UserErrorHandler());
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
