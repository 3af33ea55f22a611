package dev.ampj.ops.bench;

import dev.ampj.ops.NotBuiltCommand;
import picocli.CommandLine.Command;

/** Benchmark one PPO + AMP learner update and rollout-side inference. Not implemented in this version: exits {@value NotBuiltCommand#NOT_BUILT}. */
@Command(name = "learner", mixinStandardHelpOptions = true, description = "Benchmark one PPO + AMP learner update and rollout-side inference. (not implemented yet)")
public final class BenchLearnerCommand extends NotBuiltCommand {}
