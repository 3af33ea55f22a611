package dev.ampj.actors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An embedded MediaDriver carries one message over aeron:ipc under the pinned JVM flags. */
class AeronStackTest {

    @Test
    void embeddedDriverPassesOneMessageOverIpc(@TempDir Path dir) {
        MediaDriver.Context driverCtx = new MediaDriver.Context()
                .aeronDirectoryName(dir.resolve("aeron").toString())
                .threadingMode(ThreadingMode.SHARED)
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true);
        try (MediaDriver driver = MediaDriver.launchEmbedded(driverCtx);
             Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
             Subscription sub = aeron.addSubscription("aeron:ipc", 1001);
             ExclusivePublication pub = aeron.addExclusivePublication("aeron:ipc", 1001)) {
            BackoffIdleStrategy idle = new BackoffIdleStrategy();
            while (!pub.isConnected()) {
                idle.idle();
            }
            UnsafeBuffer msg = new UnsafeBuffer(new byte[16]);
            msg.putLong(0, 0xA3F5L);
            msg.putFloat(8, 1.5f);
            while (pub.offer(msg, 0, 16) < 0) {
                idle.idle();
            }
            AtomicReference<long[]> received = new AtomicReference<>();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (received.get() == null && System.nanoTime() < deadline) {
                int n = sub.poll((buf, off, len, hdr) ->
                        received.set(new long[] {buf.getLong(off), Float.floatToIntBits(buf.getFloat(off + 8)), len}), 1);
                idle.idle(n);
            }
            assertTrue(received.get() != null, "message not received within 10 s");
            assertEquals(0xA3F5L, received.get()[0]);
            assertEquals(Float.floatToIntBits(1.5f), received.get()[1]);
            assertEquals(16, received.get()[2]);
        }
    }
}
