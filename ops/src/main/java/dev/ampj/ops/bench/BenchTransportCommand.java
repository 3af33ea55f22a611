package dev.ampj.ops.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ampj.actors.transport.EmbeddedMediaDriver;
import dev.ampj.actors.transport.PooledBatchBuffers;
import dev.ampj.actors.transport.TensorPublisher;
import dev.ampj.actors.transport.TensorSubscriber;
import dev.ampj.actors.transport.TransportSettings;
import dev.ampj.common.RandomStream;
import dev.ampj.sim.wire.RunIds;
import dev.ampj.sim.wire.StreamKind;
import dev.ampj.sim.wire.TensorBatchDecoder;
import dev.ampj.sim.wire.TensorBatchEncoder;
import dev.ampj.sim.wire.WireFormat;
import java.lang.management.ManagementFactory;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.ByteOrder;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code amp bench transport}: streams tensor batches through the real data plane (embedded media
 * driver, chunking publisher, reassembling subscriber, each on its own thread) and compares the
 * delivered bytes per second with a memcpy of the same batch. The data plane copies each byte
 * twice (into the log, out to the destination batch), so half the memcpy rate is its ceiling.
 */
@Command(name = "transport", mixinStandardHelpOptions = true,
        description = {"Benchmark the Aeron tensor data plane against memcpy of the same bytes.",
                "Prints delivered GB/s (batch bytes assembled per second after 1 s of warm-up) and the median of six "
                        + "~300 ms memcpy trials of the same batch, taken before and after; then the time one batch takes "
                        + "alone, from publish to assembled (p50 and max of up to 30)."})
public final class BenchTransportCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print one JSON line.")
    boolean json;

    @Option(names = "--mib", defaultValue = "64", description = "Batch size in MiB (default: ${DEFAULT-VALUE}).")
    int mib;

    @Option(names = "--seconds", defaultValue = "5", description = "Measured seconds, after 1 s of warm-up (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--channel", defaultValue = "ipc", description = "ipc, or udp (127.0.0.1, one driver) (default: ${DEFAULT-VALUE}).")
    String channel;

    @Option(names = "--columns", defaultValue = "16", description = "Float32 columns per batch (default: ${DEFAULT-VALUE}).")
    int columns;

    @Option(names = "--message-kib", description = "Max Aeron message size in KiB (default: amp.actors.transport.max-message-size).")
    Integer messageKib;

    @Option(names = "--mtu", description = "Frame size of the channel (default: amp.actors.transport.ipc-mtu / udp-mtu).")
    Integer mtu;

    @Option(names = "--node-name", defaultValue = "bench",
            description = "Names the driver directory (amp.actors.transport.node-name) (default: ${DEFAULT-VALUE}).")
    String nodeName;

    private static final long RUN = RunIds.of("bench-transport");

    @Override
    public Integer call() throws Exception {
        if (mib < 1 || mib > 1024) {
            throw new IllegalArgumentException("--mib " + mib + ": expected 1..1024");
        }
        if (!(seconds > 0) || seconds > 600) {
            throw new IllegalArgumentException("--seconds " + seconds + ": expected 0 < S <= 600");
        }
        if (columns < 1 || columns > 4096) {
            throw new IllegalArgumentException("--columns " + columns + ": expected 1..4096");
        }
        TransportSettings settings = settings();
        UnsafeBuffer batch = encodeBatch();
        UnsafeBuffer copy = new UnsafeBuffer(BufferUtil.allocateDirectAligned(batch.capacity(), WireFormat.DATA_ALIGNMENT));
        memcpyTrials(batch, copy, 1);
        double[] before = memcpyTrials(batch, copy, 3);
        Result r;
        try (EmbeddedMediaDriver driver = EmbeddedMediaDriver.launch(settings)) {
            r = stream(driver, settings, batch);
        }
        double[] after = memcpyTrials(batch, copy, 3);
        print(settings, batch.capacity(), median(before, after), r);
        return 0;
    }

    private TransportSettings settings() throws Exception {
        StringBuilder hocon = new StringBuilder("amp.actors.transport { aeron-dir = \"\"\n")
                .append("node-name = \"").append(nodeName.replace("\"", "")).append("\"\n");
        switch (channel) {
            case "ipc" -> hocon.append("channel = \"aeron:ipc\"\n");
            case "udp" -> {
                int port;
                try (DatagramSocket probe = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                    port = probe.getLocalPort();
                }
                hocon.append("channel = \"aeron:udp?endpoint=127.0.0.1:").append(port).append("\"\n");
            }
            default -> throw new IllegalArgumentException("--channel " + channel + ": expected ipc or udp");
        }
        if (messageKib != null) {
            hocon.append("max-message-size = ").append((long) messageKib * 1024).append('\n');
        }
        if (mtu != null) {
            hocon.append(channel.equals("ipc") ? "ipc-mtu = " : "udp-mtu = ").append(mtu).append('\n');
        }
        Config config = ConfigFactory.parseString(hocon.append('}').toString()).withFallback(ConfigFactory.load());
        return TransportSettings.fromConfig(config);
    }

    /** {@code columns} equal columns of deterministic floats, about {@code mib} MiB in all. */
    private UnsafeBuffer encodeBatch() {
        int perColumn = (int) (((long) mib << 20) / columns / WireFormat.FLOAT32_BYTES);
        long[] counts = new long[columns];
        java.util.Arrays.fill(counts, perColumn);
        UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(WireFormat.batchLength(counts), WireFormat.DATA_ALIGNMENT));
        TensorBatchEncoder enc = new TensorBatchEncoder().wrap(buffer, 0).header(RUN, 0, 0, StreamKind.TRAJECTORY, columns);
        RandomStream random = RandomStream.of(1, "bench-transport");
        for (int c = 0; c < columns; c++) {
            int col = enc.addColumn("column_" + c, perColumn);
            int at = enc.dataOffset(col);
            for (int i = 0; i < perColumn; i++) {
                buffer.putFloat(at + i * 4, random.nextFloat(), ByteOrder.LITTLE_ENDIAN);
            }
        }
        enc.encodedLength();
        return buffer;
    }

    /**
     * One-copy memory bandwidth: copies the batch into another direct buffer in trials of about
     * 300 ms and returns each trial's GB/s. Trials run before and after the transport so both see
     * the same machine load; the median is reported.
     */
    private static double[] memcpyTrials(UnsafeBuffer batch, UnsafeBuffer dst, int trials) {
        double[] gbps = new double[trials];
        for (int t = 0; t < trials; t++) {
            long copies = 0;
            long start = System.nanoTime();
            long elapsed;
            do {
                dst.putBytes(0, batch, 0, batch.capacity());
                copies++;
                elapsed = System.nanoTime() - start;
            } while (elapsed < 300_000_000L || copies < 3);
            gbps[t] = (double) copies * batch.capacity() / elapsed;
        }
        if (dst.getLong(128) != batch.getLong(128)) {
            throw new IllegalStateException("memcpy baseline copied wrong bytes");
        }
        return gbps;
    }

    private static double median(double[] a, double[] b) {
        double[] all = new double[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        java.util.Arrays.sort(all);
        return all.length % 2 == 1 ? all[all.length / 2] : (all[all.length / 2 - 1] + all[all.length / 2]) / 2;
    }

    private record Result(double gbps, long batches, long backPressure, long rejected, int chunksPerBatch,
            double latencyP50Ms, double latencyMaxMs, int latencySamples) {}

    /** After the throughput phase: up to 30 batches (or 3 s), one in flight, publish start to assembled. */
    private static final int LATENCY_BATCHES = 30;
    private static final long LATENCY_BUDGET_NS = 3_000_000_000L;

    private Result stream(EmbeddedMediaDriver driver, TransportSettings settings, UnsafeBuffer batch) throws Exception {
        int stream = settings.trajectoryStreamId();
        AtomicLong receivedBytes = new AtomicLong();
        AtomicLong receivedBatches = new AtomicLong();
        AtomicLong lastReceivedNanos = new AtomicLong();
        long[] latencies = new long[LATENCY_BATCHES];
        int[] latencySamples = new int[1];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicLong rejected = new AtomicLong();
        long[] chunks = new long[1];
        AtomicBoolean stop = new AtomicBoolean();
        AtomicBoolean publisherDone = new AtomicBoolean();
        try (TensorSubscriber sub = new TensorSubscriber(driver.aeron(), settings, stream, RUN, StreamKind.TRAJECTORY,
                     new PooledBatchBuffers(), b -> {
                         if (receivedBatches.get() == 0) {
                             verify(batch, b);
                         }
                         receivedBytes.addAndGet(b.encodedLength());
                         lastReceivedNanos.set(System.nanoTime());
                         receivedBatches.incrementAndGet();
                     }, (reason, detail) -> rejected.incrementAndGet());
             TensorPublisher pub = new TensorPublisher(driver.aeron(), settings, stream)) {
            sub.expectIteration(0);
            Thread subscriber = new Thread(() -> {
                IdleStrategy idle = settings.idle().newStrategy();
                try {
                    long expected = 0;
                    // Keeps draining until the publisher has finished its last batch.
                    while (!publisherDone.get()) {
                        int n = sub.poll();
                        if (sub.completedBatches() > 0) {
                            sub.expectIteration(++expected);
                        }
                        idle.idle(n);
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                }
            }, "bench-subscriber");
            Thread publisher = new Thread(() -> {
                try {
                    pub.awaitConnected();
                    long i = 0;
                    for (; !stop.get(); i++) {
                        batch.putLong(WireFormat.ITERATION_OFFSET, i, ByteOrder.LITTLE_ENDIAN);
                        chunks[0] = pub.publish(batch, 0, batch.capacity());
                    }
                    IdleStrategy idle = settings.idle().newStrategy();
                    while (receivedBatches.get() < i) {
                        idle.idle();
                    }
                    long phaseStart = System.nanoTime();
                    for (int j = 0; j < LATENCY_BATCHES && (j < 3 || System.nanoTime() - phaseStart < LATENCY_BUDGET_NS); j++, i++) {
                        batch.putLong(WireFormat.ITERATION_OFFSET, i, ByteOrder.LITTLE_ENDIAN);
                        long start = System.nanoTime();
                        pub.publish(batch, 0, batch.capacity());
                        idle.reset();
                        while (receivedBatches.get() <= i) {
                            idle.idle();
                        }
                        latencies[j] = lastReceivedNanos.get() - start;
                        latencySamples[0] = j + 1;
                    }
                } catch (Throwable t) {
                    failure.compareAndSet(null, t);
                } finally {
                    publisherDone.set(true);
                }
            }, "bench-publisher");
            subscriber.start();
            publisher.start();
            Thread.sleep(1000);
            long t0 = System.nanoTime();
            long b0 = receivedBytes.get();
            long n0 = receivedBatches.get();
            long bp0 = pub.backPressureEvents();
            Thread.sleep((long) (seconds * 1000));
            long t1 = System.nanoTime();
            long b1 = receivedBytes.get();
            long n1 = receivedBatches.get();
            long bp1 = pub.backPressureEvents();
            stop.set(true);
            publisher.join(settings.publicationTimeout().toMillis() + LATENCY_BUDGET_NS / 1_000_000 + 30_000);
            subscriber.join(5000);
            if (failure.get() != null) {
                throw new IllegalStateException("transport benchmark failed: " + failure.get().getMessage(), failure.get());
            }
            if (n1 == n0) {
                throw new IllegalStateException("no batch was delivered in " + seconds + " s; raise --seconds for a slow channel");
            }
            int samples = latencySamples[0];
            long[] sorted = java.util.Arrays.copyOf(latencies, samples);
            java.util.Arrays.sort(sorted);
            return new Result((double) (b1 - b0) / (t1 - t0), n1 - n0, bp1 - bp0, rejected.get(), (int) chunks[0],
                    samples == 0 ? Double.NaN : sorted[samples / 2] / 1e6, samples == 0 ? Double.NaN : sorted[samples - 1] / 1e6, samples);
        }
    }

    /** The first delivered batch must equal the published one, byte for byte (the iteration field aside). */
    private static void verify(UnsafeBuffer source, TensorBatchDecoder received) {
        DirectBuffer got = received.buffer();
        int n = source.capacity();
        if (received.encodedLength() != n) {
            throw new IllegalStateException("delivered batch has " + received.encodedLength() + " bytes, published " + n);
        }
        for (int i = WireFormat.SHARD_INDEX_OFFSET; i + 8 <= n; i += 8) {
            if (got.getLong(i) != source.getLong(i)) {
                throw new IllegalStateException("delivered batch differs from the published one at byte " + i);
            }
        }
    }

    private void print(TransportSettings s, int batchBytes, double memcpyGbps, Result r) {
        String ch = s.isIpc() ? "aeron:ipc" : "aeron:udp";
        int frameMtu = s.isIpc() ? s.ipcMtu() : s.udpMtu();
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        int cpus = Runtime.getRuntime().availableProcessors();
        if (json) {
            spec.commandLine().getOut().println(String.format(Locale.ROOT,
                    "{\"bench\":\"transport\",\"channel\":\"%s\",\"batch_bytes\":%d,\"columns\":%d,\"message_bytes\":%d,"
                            + "\"chunk_payload_bytes\":%d,\"chunks_per_batch\":%d,\"term_length\":%d,\"mtu\":%d,\"seconds\":%.1f,"
                            + "\"batches\":%d,\"transport_gbps\":%.3f,\"memcpy_gbps\":%.3f,\"ratio\":%.3f,\"back_pressure_events\":%d,"
                            + "\"rejected_frames\":%d,\"one_batch_ms_p50\":%.3f,\"one_batch_ms_max\":%.3f,\"one_batch_samples\":%d,"
                            + "\"cpus\":%d,\"load_avg_1m\":%.2f}",
                    ch, batchBytes, columns, s.maxMessageSize(), s.maxChunkPayload(), r.chunksPerBatch(), s.termLength(), frameMtu,
                    seconds, r.batches(), r.gbps(), memcpyGbps, r.gbps() / memcpyGbps, r.backPressure(), r.rejected(), r.latencyP50Ms(), r.latencyMaxMs(), r.latencySamples(), cpus, load));
        } else {
            var out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "transport %s: %d batches of %.1f MiB (%d columns) in %.1f s%n", ch, r.batches(),
                    batchBytes / 1048576.0, columns, seconds);
            out.printf(Locale.ROOT, "  messages %d B (chunk payload %d B, %d per batch), term %d MiB, mtu %d%n", s.maxMessageSize(),
                    s.maxChunkPayload(), r.chunksPerBatch(), s.termLength() >> 20, frameMtu);
            out.printf(Locale.ROOT, "  transport %.3f GB/s, memcpy %.3f GB/s, ratio %.3f (2 copies per byte: ceiling 0.5)%n",
                    r.gbps(), memcpyGbps, r.gbps() / memcpyGbps);
            out.printf(Locale.ROOT, "  one batch alone (publish start to assembled): p50 %.3f ms, max %.3f ms over %d%n",
                    r.latencyP50Ms(), r.latencyMaxMs(), r.latencySamples());
            out.printf(Locale.ROOT, "  back-pressure events %d, rejected frames %d; %d cpus, load average %.2f%n",
                    r.backPressure(), r.rejected(), cpus, load);
        }
    }
}
