package dev.ampj.actors.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import java.util.Map;
import java.util.TreeMap;

/**
 * A run's configuration as recorded in RunCreated: the whole resolved {@code amp} tree as JSON text,
 * and back. Also the config diff of a fork.
 */
public final class RunConfig {

    /**
     * Keys (under {@code amp}) introduced after runs were first recorded, with the value that
     * reproduces those runs: before {@code sim.engine} existed every run simulated on ode4j; before
     * {@code sim.init.reference-command} no episode's command came from its start state; before
     * {@code sim.observations.amp-gait-condition} no AMP state carried a gait; before
     * {@code sim.rewards.joint-pos-limits} no reward looked at the joint limits, and before
     * {@code sim.observations.amp-history-length} every AMP state was one frame, and before
     * {@code motion.velocities} every clip kept its file's velocities.
     */
    static final Map<String, Object> PREDATING =
            java.util.Collections.unmodifiableSortedMap(new TreeMap<>(Map.of("sim.engine", "ode4j",
                    "sim.init.reference-command", false, "sim.observations.amp-gait-condition", false,
                    "sim.rewards.joint-pos-limits", 0.0, "sim.observations.amp-history-length", 1,
                    "motion.velocities", "file")));

    private RunConfig() {}

    /** The resolved {@code amp} tree as concise JSON. */
    public static String render(Config config) {
        return config.getConfig("amp").root().render(ConfigRenderOptions.concise());
    }

    /**
     * The configuration recorded by {@link #render}, under {@code amp}, over the reference defaults.
     * A key added to the platform after the run was recorded would take today's default, so the keys
     * whose default differs from the behaviour before they existed are first set to that behaviour
     * ({@link #PREDATING}).
     */
    public static Config parse(String text, String run) {
        try {
            Config recorded = ConfigFactory.parseString(text);
            for (Map.Entry<String, Object> k : PREDATING.entrySet()) {
                if (!recorded.hasPath(k.getKey())) {
                    recorded = recorded.withValue(k.getKey(), ConfigValueFactory.fromAnyRef(k.getValue()));
                }
            }
            return recorded.atKey("amp").withFallback(ConfigFactory.defaultReference()).resolve();
        } catch (com.typesafe.config.ConfigException e) {
            throw new IllegalArgumentException("run " + run + ": its recorded configuration cannot be read: " + e.getMessage(), e);
        }
    }

    /** "key: parent -> child" for every leaf of {@code amp} that differs, sorted by key; "" when none. */
    public static String diff(Config parent, Config child) {
        Map<String, String> a = leaves(parent);
        Map<String, String> b = leaves(child);
        TreeMap<String, String> keys = new TreeMap<>();
        a.keySet().forEach(k -> keys.put(k, k));
        b.keySet().forEach(k -> keys.put(k, k));
        StringBuilder sb = new StringBuilder();
        for (String k : keys.keySet()) {
            String x = a.get(k);
            String y = b.get(k);
            if (x == null ? y != null : !x.equals(y)) {
                sb.append(sb.isEmpty() ? "" : "\n").append(k).append(": ").append(x).append(" -> ").append(y);
            }
        }
        return sb.toString();
    }

    private static Map<String, String> leaves(Config c) {
        TreeMap<String, String> m = new TreeMap<>();
        for (Map.Entry<String, ConfigValue> e : c.getConfig("amp").entrySet()) {
            m.put("amp." + e.getKey(), e.getValue().render(ConfigRenderOptions.concise()));
        }
        return m;
    }
}
