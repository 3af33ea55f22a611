package dev.ampj.sim.env;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * How one observation group ({@code policy} or {@code critic}) processes its terms, Isaac Lab's
 * {@code ObsTerm(noise=..., clip=..., scale=..., history_length=...)}: {@code amp.sim.observations.<group>}
 * holds a group-wide {@code history-length} and, under each term's name, that term's settings.
 * Terms not named keep the defaults (no noise, no clip, scale 1, the group's history length).
 * Term names are checked against the task's terms where the group is built.
 *
 * @param historyLength frames of every term the group stacks unless the term sets its own (1: no history)
 * @param terms         the terms given settings, sorted by name
 */
public record ObsGroupSettings(int historyLength, List<Term> terms) {

    static final List<String> KEYS = List.of("history-length");

    public ObsGroupSettings {
        terms = List.copyOf(terms);
    }

    /**
     * One term's processing, applied in Isaac Lab's order: noise, clip, scale, then the history.
     *
     * @param noise         half-width of uniform noise (Unoise n_min = -noise, n_max = noise), or σ of Gaussian noise
     * @param gaussian      Gaussian (Gnoise) instead of uniform noise
     * @param clipMin       lower clip bound (−∞: none)
     * @param clipMax       upper clip bound (+∞: none)
     * @param scale         factor applied after the clip
     * @param historyLength frames stacked, oldest first
     */
    public record Term(String term, double noise, boolean gaussian, double clipMin, double clipMax, double scale,
            int historyLength) {
        static final List<String> KEYS = List.of("noise", "noise-type", "clip", "scale", "history-length");
        static final List<String> NOISE_TYPES = List.of("uniform", "gaussian");
    }

    /** No processing: every value as computed, one frame. */
    public static final ObsGroupSettings NONE = new ObsGroupSettings(1, List.of());

    /** The settings of {@code term}: its own, or the defaults under this group's history length. */
    public Term of(String term) {
        for (Term t : terms) {
            if (t.term().equals(term)) {
                return t;
            }
        }
        return new Term(term, 0, false, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, 1, historyLength);
    }

    /** Fails, naming the key ({@code path.<term>}) and the known terms, if a term given settings is not in {@code known}. */
    public void requireTerms(String path, List<String> known) {
        for (Term t : terms) {
            if (!known.contains(t.term())) {
                throw new IllegalArgumentException(path + "." + t.term() + ": unknown observation term; known terms of "
                        + path + ": " + known + " (and the key " + KEYS + ")");
            }
        }
    }

    /** Reads the group section {@code c} at {@code path}. */
    static ObsGroupSettings read(Config c, String path) {
        int history = ConfigKeys.positiveInt(c, path, "history-length");
        List<Term> terms = new ArrayList<>();
        for (String name : new TreeSet<>(c.root().keySet())) {
            if (KEYS.contains(name)) {
                continue;
            }
            String tp = path + "." + name;
            if (c.root().get(name).valueType() != ConfigValueType.OBJECT) {
                throw new IllegalArgumentException(tp + ": expected the settings of observation term " + name
                        + " (an object with keys " + Term.KEYS + ") or one of the keys " + KEYS);
            }
            terms.add(readTerm(c.getConfig(quoted(name)), tp, name, history));
        }
        return new ObsGroupSettings(history, terms);
    }

    private static Term readTerm(Config c, String path, String name, int groupHistory) {
        ConfigKeys.requireOnly(c, path, Term.KEYS);
        double noise = c.hasPath("noise") ? ConfigKeys.number(c, path, "noise") : 0;
        if (noise < 0) {
            throw new IllegalArgumentException(path + ".noise = " + noise + ": expected a number >= 0 (the half-width"
                    + " of uniform noise, or the standard deviation of Gaussian noise)");
        }
        String type = c.hasPath("noise-type") ? ConfigKeys.string(c, path, "noise-type") : "uniform";
        if (!Term.NOISE_TYPES.contains(type)) {
            throw new IllegalArgumentException(path + ".noise-type = \"" + type + "\": expected one of " + Term.NOISE_TYPES);
        }
        double lo = Double.NEGATIVE_INFINITY;
        double hi = Double.POSITIVE_INFINITY;
        if (c.hasPath("clip")) {
            List<Double> clip = ConfigKeys.numbers(c, path, "clip", 2);
            if (clip.get(0) > clip.get(1)) {
                throw new IllegalArgumentException(path + ".clip = " + clip + ": expected [min, max] with min <= max");
            }
            lo = clip.get(0);
            hi = clip.get(1);
        }
        double scale = c.hasPath("scale") ? ConfigKeys.number(c, path, "scale") : 1;
        int history = c.hasPath("history-length") ? ConfigKeys.positiveInt(c, path, "history-length") : groupHistory;
        return new Term(name, noise, type.equals("gaussian"), lo, hi, scale, history);
    }

    private static String quoted(String key) {
        return "\"" + key + "\"";
    }
}
