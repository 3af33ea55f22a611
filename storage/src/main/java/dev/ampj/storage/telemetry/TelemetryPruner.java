package dev.ampj.storage.telemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Prunes a telemetry queue by deleting whole Chronicle cycle files, oldest first: those older than
 * {@code maxAge}, then more while the files exceed {@code maxBytes}. The newest cycle (the one being
 * written) is never deleted, and the events queue is never touched. Sizes are apparent file sizes
 * (Chronicle files are sparse and grow by blocks), so the byte limit is approximate by one block.
 * Open readers should call {@link TelemetryReader#refresh()} afterwards.
 */
public final class TelemetryPruner {

    /** What was deleted and what is left. */
    public record Report(List<Path> deleted, long bytesDeleted, long bytesLeft) {}

    private TelemetryPruner() {}

    public static Report prune(Path telemetryDir, Duration maxAge, long maxBytes, Instant now) {
        if (!Files.isDirectory(telemetryDir)) {
            return new Report(List.of(), 0, 0);
        }
        List<Path> cycles;
        try (Stream<Path> files = Files.list(telemetryDir)) {
            // Cycle file names of one roll cycle sort chronologically (yyyyMMdd-HH…).
            cycles = files.filter(p -> p.getFileName().toString().endsWith(".cq4")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + telemetryDir, e);
        }
        long total = 0;
        long[] sizes = new long[cycles.size()];
        for (int i = 0; i < cycles.size(); i++) {
            sizes[i] = size(cycles.get(i));
            total += sizes[i];
        }
        List<Path> deleted = new ArrayList<>();
        long freed = 0;
        for (int i = 0; i < cycles.size() - 1; i++) {
            Path p = cycles.get(i);
            boolean tooOld = !maxAge.isZero() && modified(p).plus(maxAge).isBefore(now);
            boolean tooBig = maxBytes > 0 && total - freed > maxBytes;
            if (!tooOld && !tooBig) {
                break; // oldest first: once one is kept, later ones are younger and the total fits
            }
            try {
                Files.delete(p);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete telemetry cycle " + p, e);
            }
            deleted.add(p);
            freed += sizes[i];
        }
        return new Report(deleted, freed, total - freed);
    }

    private static long size(Path p) {
        try {
            return Files.size(p);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + p, e);
        }
    }

    private static Instant modified(Path p) {
        try {
            return Files.getLastModifiedTime(p).toInstant();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot stat " + p, e);
        }
    }
}
