package dev.ampj.sim.env;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Strict reads of a HOCON section: unknown keys and wrong types fail with the path and what was expected. */
final class ConfigKeys {

    private ConfigKeys() {}

    /** Fails if {@code section} (at {@code path}) has keys other than {@code known}, listing the known ones. */
    static void requireOnly(Config section, String path, List<String> known) {
        Set<String> unknown = new TreeSet<>(section.root().keySet());
        known.forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("unknown key(s) " + unknown.stream().map(k -> path + "." + k).toList()
                    + "; known keys of " + path + ": " + known);
        }
    }

    static double positive(Config c, String path, String key) {
        double v = number(c, path, key);
        if (!(v > 0)) {
            throw new IllegalArgumentException(path + "." + key + " = " + v + ": expected a positive number");
        }
        return v;
    }

    static double number(Config c, String path, String key) {
        try {
            double v = c.getDouble(key);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException(path + "." + key + " = " + v + ": expected a finite number");
            }
            return v;
        } catch (ConfigException e) {
            throw new IllegalArgumentException(path + "." + key + ": " + e.getMessage(), e);
        }
    }

    static int positiveInt(Config c, String path, String key) {
        try {
            int v = c.getInt(key);
            if (v <= 0) {
                throw new IllegalArgumentException(path + "." + key + " = " + v + ": expected a positive integer");
            }
            return v;
        } catch (ConfigException e) {
            throw new IllegalArgumentException(path + "." + key + ": " + e.getMessage(), e);
        }
    }

    static boolean bool(Config c, String path, String key) {
        try {
            return c.getBoolean(key);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(path + "." + key + ": " + e.getMessage(), e);
        }
    }

    static String string(Config c, String path, String key) {
        try {
            return c.getString(key);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(path + "." + key + ": " + e.getMessage(), e);
        }
    }

    static List<String> strings(Config c, String path, String key) {
        try {
            return List.copyOf(c.getStringList(key));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(path + "." + key + ": " + e.getMessage(), e);
        }
    }

    /** A list of exactly {@code n} finite numbers. */
    static List<Double> numbers(Config c, String path, String key, int n) {
        List<Double> v;
        try {
            v = new ArrayList<>(c.getDoubleList(key));
        } catch (ConfigException e) {
            throw new IllegalArgumentException(path + "." + key + ": " + e.getMessage(), e);
        }
        if (v.size() != n || v.stream().anyMatch(x -> !Double.isFinite(x))) {
            throw new IllegalArgumentException(path + "." + key + " = " + v + ": expected " + n + " finite numbers");
        }
        return List.copyOf(v);
    }

    static Config section(Config c, String path, String key) {
        try {
            return c.getConfig(key);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(path + "." + key + ": " + e.getMessage(), e);
        }
    }
}
