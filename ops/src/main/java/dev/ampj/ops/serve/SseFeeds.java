package dev.ampj.ops.serve;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.sse.ServerSentEvent;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Source;

/**
 * Turns a {@link Feed} into a server-sent-event source. Each materialisation (one HTTP response)
 * starts the feed on its own daemon thread, which offers into a bounded queue and waits while it
 * is full (the client's pace); the client going away stops the thread. A feed that fails sends
 * one {@code error} event with the message, then the stream ends.
 */
final class SseFeeds {

    static final int BUFFER = 256;
    static final Duration KEEP_ALIVE = Duration.ofSeconds(10);
    private static final long FULL_WAIT_MILLIS = 20;

    private SseFeeds() {}

    static Source<ServerSentEvent, NotUsed> source(Feed feed, String threadName) {
        return Source.<ServerSentEvent>queue(BUFFER)
                .mapMaterializedValue(queue -> start(feed, queue, threadName))
                .watchTermination((stopped, done) -> {
                    done.whenComplete((d, e) -> stopped.set(true));
                    return NotUsed.getInstance();
                })
                .keepAlive(KEEP_ALIVE, ServerSentEvent::heartbeat);
    }

    private static AtomicBoolean start(Feed feed, BoundedSourceQueue<ServerSentEvent> queue, String threadName) {
        AtomicBoolean stopped = new AtomicBoolean();
        Feed.Sink sink = (event, json) -> offer(queue, ServerSentEvent.create(json, event), stopped);
        Thread t = new Thread(() -> {
            try {
                feed.run(sink, stopped::get);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                if (!stopped.get()) {
                    queue.offer(ServerSentEvent.create(Json.object().str("message", msg).end(), "error"));
                }
            } finally {
                if (!stopped.get()) { // else the stream has ended and the queue with it
                    queue.complete();
                }
            }
        }, threadName);
        t.setDaemon(true);
        t.start();
        return stopped;
    }

    private static void offer(BoundedSourceQueue<ServerSentEvent> queue, ServerSentEvent e, AtomicBoolean stopped)
            throws InterruptedException {
        while (!stopped.get()) {
            QueueOfferResult r = queue.offer(e);
            if (r == QueueOfferResult.enqueued()) {
                return;
            }
            if (r != QueueOfferResult.dropped()) { // closed or failed: the client is gone
                stopped.set(true);
                return;
            }
            Thread.sleep(FULL_WAIT_MILLIS);
        }
    }
}
