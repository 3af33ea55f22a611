package dev.ampj.storage.telemetry;

import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.log.RunDirectory;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;

/** Child-JVM probe: tails a run's telemetry live and prints "seen step nanoTime records rewardSum" per batch. */
public final class TelemetryTailMain {

    public static void main(String[] args) {
        Path runs = Path.of(args[0]);
        int expected = Integer.parseInt(args[2]);
        StorageSettings settings = StorageSettings.defaults(runs);
        try (TelemetryReader reader = TelemetryReader.open(RunDirectory.of(runs, args[1]), settings);
                TelemetryReader.Tailer tailer = reader.tailFromStart()) {
            System.out.println("ready");
            System.out.flush();
            int seen = 0;
            while (seen < expected) {
                Optional<TelemetryBatch> b = tailer.next();
                if (b.isEmpty()) {
                    LockSupport.parkNanos(20_000);
                    continue;
                }
                long now = System.nanoTime();
                double sum = 0;
                for (int i = 0; i < b.get().size(); i++) {
                    sum += b.get().record(args[1], i).combinedReward();
                }
                System.out.println("seen " + b.get().step() + " " + now + " " + b.get().size() + " " + sum);
                seen++;
            }
        }
    }
}
