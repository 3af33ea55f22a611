package dev.ampj.learner.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** Reads one config section, rejecting keys it does not know and naming the full path of any bad value. */
final class StrictConfig {

    private final Config root;
    private final Config config;
    private final String path;

    StrictConfig(Config root, String path, Set<String> known) {
        if (!root.hasPath(path)) {
            throw new IllegalArgumentException("config: missing section " + path);
        }
        this.root = root;
        this.config = root.getConfig(path);
        this.path = path;
        Set<String> unknown = new TreeSet<>();
        for (String key : config.root().keySet()) {
            if (!known.contains(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("config: unknown key(s) " + unknown + " under " + path
                    + "; known keys: " + new TreeSet<>(known));
        }
    }

    StrictConfig section(String key, Set<String> known) {
        return new StrictConfig(root, path + "." + key, known);
    }

    int positiveInt(String key) {
        int v = read(key, () -> config.getInt(key));
        if (v <= 0) {
            throw bad(key, v, "a positive integer");
        }
        return v;
    }

    /** A positive integer, or {@code auto} (returned as 0). */
    int positiveIntOrAuto(String key) {
        String v = read(key, () -> config.getString(key)).trim();
        if (v.equalsIgnoreCase("auto")) {
            return 0;
        }
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw bad(key, v, "a positive integer or auto");
        }
        if (n <= 0) {
            throw bad(key, n, "a positive integer or auto");
        }
        return n;
    }

    double nonNegative(String key) {
        double v = read(key, () -> config.getDouble(key));
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw bad(key, v, "a finite number >= 0");
        }
        return v;
    }

    double positive(String key) {
        double v = read(key, () -> config.getDouble(key));
        if (!(v > 0) || Double.isInfinite(v)) {
            throw bad(key, v, "a finite number > 0");
        }
        return v;
    }

    double unit(String key) {
        double v = read(key, () -> config.getDouble(key));
        if (!(v >= 0 && v <= 1)) {
            throw bad(key, v, "a number in [0, 1]");
        }
        return v;
    }

    /** A number in [0, 1). */
    double beta(String key) {
        double v = read(key, () -> config.getDouble(key));
        if (!(v >= 0 && v < 1)) {
            throw bad(key, v, "a number in [0, 1)");
        }
        return v;
    }

    boolean bool(String key) {
        return read(key, () -> config.getBoolean(key));
    }

    String oneOf(String key, String... allowed) {
        String v = read(key, () -> config.getString(key)).trim().toLowerCase(java.util.Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(v)) {
                return v;
            }
        }
        throw bad(key, v, "one of " + List.of(allowed));
    }

    int[] positiveInts(String key) {
        List<Integer> list = read(key, () -> config.getIntList(key));
        int[] out = new int[list.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = list.get(i);
            if (out[i] <= 0) {
                throw bad(key, list, "a list of positive integers");
            }
        }
        return out;
    }

    int[] ints(String key) {
        List<Integer> list = read(key, () -> config.getIntList(key));
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    IllegalArgumentException bad(String key, Object value, String expected) {
        return new IllegalArgumentException("config: " + path + "." + key + " = " + value + ": expected " + expected);
    }

    private <T> T read(String key, java.util.function.Supplier<T> getter) {
        try {
            return getter.get();
        } catch (ConfigException.Missing e) {
            throw new IllegalArgumentException("config: missing key " + path + "." + key, e);
        } catch (ConfigException e) {
            throw new IllegalArgumentException("config: " + path + "." + key + ": " + e.getMessage(), e);
        }
    }
}
