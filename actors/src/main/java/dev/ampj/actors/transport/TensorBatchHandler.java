package dev.ampj.actors.transport;

import dev.ampj.sim.wire.TensorBatchDecoder;

/**
 * Receives each completely assembled and validated batch on the polling thread. The decoder and
 * the buffer under it are only valid during the call (the buffer is reused for the next batch of
 * the same shard): copy out or consume before returning.
 */
@FunctionalInterface
public interface TensorBatchHandler {
    void onBatch(TensorBatchDecoder batch);
}
