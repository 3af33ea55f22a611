package dev.ampj.storage.event;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * First event of every run: everything needed to re-execute it bit-exactly.
 *
 * @param run              run name (= its directory under the runs root)
 * @param config           the full resolved configuration (HOCON/JSON text)
 * @param seed             root seed of every random stream
 * @param forkOf           parent run and iteration for a fork, {@code null} for a fresh run
 * @param configDiff       the config difference vs the parent ("" for a fresh run)
 * @param versions         engine and library versions (sorted by key)
 * @param nativeThreads    native thread settings, e.g. torch intra/inter-op threads (sorted by key)
 * @param host             host name the run was created on
 * @param targetIterations iterations the run is meant to reach
 */
public record RunCreated(
        String run,
        String config,
        long seed,
        ForkPoint forkOf,
        String configDiff,
        Map<String, String> versions,
        Map<String, String> nativeThreads,
        String host,
        long targetIterations) implements RunEvent {

    public static final int TYPE_TAG = 1;

    public RunCreated {
        Objects.requireNonNull(run, "run");
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(configDiff, "configDiff");
        Objects.requireNonNull(host, "host");
        versions = EventMaps.sorted(versions, "versions");
        nativeThreads = EventMaps.sorted(nativeThreads, "nativeThreads");
        if (targetIterations < 0) {
            throw new IllegalArgumentException("targetIterations must be >= 0, was " + targetIterations);
        }
    }

    public Optional<ForkPoint> fork() {
        return Optional.ofNullable(forkOf);
    }

    @Override
    public int typeTag() {
        return TYPE_TAG;
    }
}
