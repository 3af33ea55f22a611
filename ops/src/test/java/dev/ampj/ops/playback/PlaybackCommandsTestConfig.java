package dev.ampj.ops.playback;

/** The configuration of the tiny ostrich runs the playback and export tests train (2 iterations, seconds). */
public final class PlaybackCommandsTestConfig {

    public static final String TINY = """
            amp.actors.training { num-envs = 4, horizon = 8, shards = 1, iterations = 2, checkpoint-every = 1 }
            amp.actors.transport { term-length = 1 MiB, max-message-size = 64 KiB, node-name = "test" }
            amp.learner {
              inference-micro-batch = 4
              policy { actor-hidden-dims = [16, 16], critic-hidden-dims = [16, 16] }
              ppo { num-learning-epochs = 1, num-mini-batches = 2 }
              discriminator { hidden-dims = [16], num-learning-epochs = 1, num-mini-batches = 2, replay-buffer-size = 512 }
            }
            """;

    private PlaybackCommandsTestConfig() {}
}
