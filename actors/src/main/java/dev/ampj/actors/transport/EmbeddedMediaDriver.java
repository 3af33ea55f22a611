package dev.ampj.actors.transport;

import io.aeron.Aeron;
import io.aeron.CommonContext;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.agrona.CloseHelper;
import org.agrona.IoUtil;

/**
 * An embedded Aeron media driver and this process's one Aeron client.
 *
 * <p>The directory has a stable name per node ({@link TransportSettings#aeronDir()}), so the log
 * buffers a SIGKILLed process left behind are deleted on the next start ({@code dirDeleteOnStart});
 * a clean close or a JVM shutdown deletes them too ({@code dirDeleteOnShutdown} + a shutdown hook).
 * A directory still used by a live driver is refused instead of being deleted under it.
 *
 * <p>Threading is SHARED (one thread for conductor, sender and receiver) with a back-off idle
 * strategy: on a 2-core machine, DEDICATED threads or busy-spinning starve the application.
 */
public final class EmbeddedMediaDriver implements AutoCloseable {

    private final Path directory;
    private final MediaDriver driver;
    private final Aeron aeron;
    private final Thread shutdownHook;
    private volatile boolean closed;

    private EmbeddedMediaDriver(Path directory, MediaDriver driver, Aeron aeron) {
        this.directory = directory;
        this.driver = driver;
        this.aeron = aeron;
        this.shutdownHook = new Thread(this::closeResources, "amp-aeron-driver-shutdown");
    }

    /** Starts the driver in {@code settings.aeronDir()} and connects a client to it. */
    public static EmbeddedMediaDriver launch(TransportSettings settings) {
        Path dir = settings.aeronDir().toAbsolutePath();
        long driverTimeoutMs = settings.driverTimeout().toMillis();
        awaitNoLiveDriver(dir, driverTimeoutMs);
        MediaDriver.Context ctx = new MediaDriver.Context()
                .aeronDirectoryName(dir.toString())
                .dirDeleteOnStart(true)
                .dirDeleteOnShutdown(true)
                .warnIfDirectoryExists(false)
                .threadingMode(ThreadingMode.SHARED)
                .sharedIdleStrategy(settings.idle().newStrategy())
                .ipcTermBufferLength(settings.termLength())
                .publicationTermBufferLength(settings.termLength())
                .ipcMtuLength(settings.ipcMtu())
                .mtuLength(settings.udpMtu())
                .initialWindowLength(settings.udpReceiverWindow())
                .socketRcvbufLength(settings.udpSocketBuffer())
                .socketSndbufLength(settings.udpSocketBuffer())
                .driverTimeoutMs(driverTimeoutMs)
                .clientLivenessTimeoutNs(TimeUnit.MILLISECONDS.toNanos(driverTimeoutMs));
        MediaDriver driver = MediaDriver.launch(ctx);
        Aeron aeron;
        try {
            aeron = Aeron.connect(new Aeron.Context()
                    .aeronDirectoryName(driver.aeronDirectoryName())
                    .driverTimeoutMs(driverTimeoutMs));
        } catch (RuntimeException e) {
            CloseHelper.quietClose(driver);
            throw e;
        }
        EmbeddedMediaDriver embedded = new EmbeddedMediaDriver(dir, driver, aeron);
        Runtime.getRuntime().addShutdownHook(embedded.shutdownHook);
        return embedded;
    }

    /**
     * A driver killed a moment ago still looks alive until its heartbeat is older than the driver
     * timeout, so a quickly restarted process waits that long; a heartbeat that keeps beating
     * beyond it is another live process, which is refused rather than deleted under its feet.
     */
    private static void awaitNoLiveDriver(Path dir, long driverTimeoutMs) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(driverTimeoutMs + 1000);
        while (Files.exists(dir.resolve("cnc.dat")) && CommonContext.isDriverActive(dir.toFile(), driverTimeoutMs, msg -> { })) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("an active Aeron media driver already uses " + dir
                        + "; give this process another " + TransportSettings.PATH + ".node-name or aeron-dir");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for the media driver directory " + dir, e);
            }
        }
    }

    /** The client every publisher and subscriber of this process shares. */
    public Aeron aeron() {
        return aeron;
    }

    public Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // The hook is running or about to; it closes the same resources.
        }
        closeResources();
    }

    private synchronized void closeResources() {
        if (closed) {
            return;
        }
        closed = true;
        CloseHelper.closeAll(aeron, driver);
        IoUtil.delete(directory.toFile(), true);
    }
}
