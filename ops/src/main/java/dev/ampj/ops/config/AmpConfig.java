package dev.ampj.ops.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueFactory;
import com.typesafe.config.ConfigValueType;
import dev.ampj.actors.config.TrainingSettings;
import dev.ampj.actors.transport.TransportSettings;
import dev.ampj.learner.config.LearnerSettings;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.motion.MotionSettings;
import dev.ampj.storage.StorageSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The run configuration the CLI builds: every module's reference.conf (the documented defaults),
 * then {@code --config FILE}, then each {@code --set key=value} in order. Only keys that exist in
 * the reference are accepted (an unknown one is refused with the known keys at its level), and the
 * result is read by every module's settings once, so a bad value fails before anything starts.
 */
public final class AmpConfig {

    private AmpConfig() {}

    /** Reference defaults + {@code file} (may be null) + {@code sets}, validated. */
    public static Config load(Path file, List<String> sets) {
        Config reference = ConfigFactory.defaultReference();
        Config user = ConfigFactory.empty();
        if (file != null) {
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("--config " + file + ": no such file");
            }
            try {
                user = ConfigFactory.parseFile(file.toFile());
            } catch (ConfigException e) {
                throw new IllegalArgumentException("--config " + file + ": " + e.getMessage(), e);
            }
            rejectUnknown(user.root(), reference, "", "--config " + file);
        }
        Config merged = user.withFallback(reference);
        return validate(withSets(merged, sets));
    }

    /** {@code base} with each {@code key=value} applied in order (unknown keys refused), validated. */
    public static Config withSets(Config base, List<String> sets) {
        Config reference = ConfigFactory.defaultReference();
        Config c = base;
        for (String set : sets == null ? List.<String>of() : sets) {
            int eq = set.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set " + set + ": expected key=value");
            }
            String key = set.substring(0, eq).trim();
            String value = set.substring(eq + 1).trim();
            if (!key.startsWith("amp.")) {
                throw new IllegalArgumentException("--set " + set + ": only amp.* keys can be set");
            }
            requireKnown(key, reference, "--set " + set);
            ConfigValue v;
            try {
                v = ConfigFactory.parseString("v = " + value).getValue("v");
            } catch (ConfigException e) {
                v = ConfigValueFactory.fromAnyRef(value);
            }
            c = c.withValue(key, v);
        }
        return c.resolve();
    }

    /** Reads every module's settings once: any bad value fails here with its key. */
    public static Config validate(Config c) {
        try {
            TrainingSettings.fromConfig(c);
            TransportSettings.fromConfig(c);
            LearnerSettings.fromConfig(c);
            SimSettings.fromConfig(c);
            MotionSettings.fromConfig(c);
            StorageSettings.fromConfig(c);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        return c;
    }

    private static void requireKnown(String key, Config reference, String source) {
        if (reference.hasPathOrNull(key)) {
            return;
        }
        String[] parts = key.split("\\.");
        String parent = "";
        for (int i = 0; i < parts.length; i++) {
            String next = parent.isEmpty() ? parts[i] : parent + "." + parts[i];
            if (!reference.hasPathOrNull(next)) {
                ConfigValue at = parent.isEmpty() ? reference.root() : reference.getValue(parent);
                if (at.valueType() == ConfigValueType.OBJECT && ((ConfigObject) at).isEmpty()) {
                    return; // a free-form map in the reference (e.g. amp.motion.joint-offsets)
                }
                throw unknown(source, next, parent, at);
            }
            parent = next;
        }
    }

    private static void rejectUnknown(ConfigObject user, Config reference, String prefix, String source) {
        for (Map.Entry<String, ConfigValue> e : user.entrySet()) {
            String path = prefix.isEmpty() ? quote(e.getKey()) : prefix + "." + quote(e.getKey());
            if (prefix.isEmpty() && !e.getKey().equals("amp")) {
                throw new IllegalArgumentException(source + ": unknown key " + path + "; only the amp block is read");
            }
            if (!reference.hasPathOrNull(path)) {
                ConfigValue parent = prefix.isEmpty() ? reference.root() : reference.getValue(prefix);
                if (parent.valueType() == ConfigValueType.OBJECT && ((ConfigObject) parent).isEmpty()) {
                    continue;
                }
                throw unknown(source, path, prefix, parent);
            }
            if (e.getValue().valueType() == ConfigValueType.OBJECT
                    && reference.getValue(path).valueType() == ConfigValueType.OBJECT) {
                rejectUnknown((ConfigObject) e.getValue(), reference, path, source);
            }
        }
    }

    private static IllegalArgumentException unknown(String source, String key, String parent, ConfigValue at) {
        String known = at.valueType() == ConfigValueType.OBJECT ? new TreeSet<>(((ConfigObject) at).keySet()).toString()
                : "(" + parent + " is a value, not a block)";
        return new IllegalArgumentException(source + ": unknown key " + key + "; known keys under "
                + (parent.isEmpty() ? "the root" : parent) + ": " + known);
    }

    private static String quote(String key) {
        return key.matches("[A-Za-z0-9_-]+") ? key : "\"" + key + "\"";
    }

    /** The runs root: {@code --runs-dir} if given, else {@code amp.storage.runs-dir}. */
    public static Config withRunsDir(Config c, Path runsDir) {
        return runsDir == null ? c : c.withValue("amp.storage.runs-dir", ConfigValueFactory.fromAnyRef(runsDir.toString()));
    }
}
