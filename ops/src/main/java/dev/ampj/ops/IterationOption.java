package dev.ampj.ops;

import dev.ampj.storage.RunStore;
import picocli.CommandLine.Option;

/** {@code --iteration N|best}: the committed iteration of a run's policy that eval, play, render and export read. */
public final class IterationOption {

    @Option(names = "--iteration", paramLabel = "N|best", converter = IterationChoice.Converter.class,
            description = "Committed iteration (default: the last one), or best: the one whose in-training eval came closest "
                    + "to the reference (runs/<run>/eval.jsonl). One without a checkpoint is re-executed from the checkpoint "
                    + "before it, every digest checked against the log.")
    IterationChoice choice;

    /** The iteration chosen in {@code run}; null (the last committed) when none was given. */
    public Long resolve(RunStore store, String run) {
        return IterationChoice.resolve(choice, store, run);
    }
}
