package dev.ampj.storage.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** Immutable copies of the maps events carry, so encoding order never depends on a HashMap. */
final class EventMaps {

    private EventMaps() {}

    /** Sorted by key: version and thread maps have no meaningful order of their own. */
    static Map<String, String> sorted(Map<String, String> map, String what) {
        Objects.requireNonNull(map, what);
        TreeMap<String, String> copy = new TreeMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, what + " key"), Objects.requireNonNull(v, what + " value of " + k)));
        return Collections.unmodifiableMap(copy);
    }

    /** Insertion order kept: statistics are printed and compared in the learner's order. */
    static Map<String, Double> ordered(Map<String, Double> map, String what) {
        Objects.requireNonNull(map, what);
        if (!(map instanceof LinkedHashMap) && !(map instanceof java.util.SortedMap) && map.size() > 1
                && !map.getClass().getName().startsWith("java.util.Collections$Unmodifiable")) {
            // A plain HashMap would make the stored order depend on hashing: refuse it.
            throw new IllegalArgumentException(what + " must be an ordered map (LinkedHashMap or SortedMap), was " + map.getClass().getName());
        }
        LinkedHashMap<String, Double> copy = new LinkedHashMap<>();
        map.forEach((k, v) -> copy.put(Objects.requireNonNull(k, what + " key"), Objects.requireNonNull(v, what + " value of " + k)));
        return Collections.unmodifiableMap(copy);
    }
}
