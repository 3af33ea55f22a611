package dev.ampj.ops.serve;

import java.util.function.BooleanSupplier;

/**
 * A live message stream produced on a thread of its own (Chronicle tailers are confined to the
 * thread that opened them): it tails a run's queues and sends until {@code stopped} (the client
 * went away) or it has nothing more to say.
 */
interface Feed {

    /** Where a feed sends: {@code event} names the message type, {@code json} is its data. Blocks while the client is slow. */
    interface Sink {
        void send(String event, String json) throws InterruptedException;
    }

    void run(Sink sink, BooleanSupplier stopped) throws InterruptedException;
}
