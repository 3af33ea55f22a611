package dev.ampj.ops.bench;

import picocli.CommandLine.Command;

/** {@code amp bench ...}: benchmark programs that print numbers (see BENCHMARKS.md). */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = "Benchmarks that print their figures (use --json for one machine-readable line).",
        subcommands = {
            BenchLearnerCommand.class,
            BenchSimCommand.class,
            BenchStorageCommand.class,
            BenchTransportCommand.class,
            BenchTrainCommand.class,
            BenchGatewayCommand.class
        })
public final class BenchCommand implements Runnable {

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
