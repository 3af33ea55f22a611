package dev.ampj.learner.config;

import java.util.Set;

/**
 * Symmetry augmentation and mirror loss (rsl_rl / amp-rsl-rl {@code symmetry_cfg}). Maps are signed
 * 1-based permutations: entry i = +j means mirrored[i] = x[j-1]; -j means mirrored[i] = -x[j-1].
 */
public record SymmetrySettings(
        boolean useDataAugmentation,
        boolean useMirrorLoss,
        double mirrorLossCoef,
        int[] policyObsMap,
        int[] criticObsMap,
        int[] actionMap) {

    static final Set<String> KEYS = Set.of("use-data-augmentation", "use-mirror-loss", "mirror-loss-coef",
            "policy-obs-map", "critic-obs-map", "action-map");

    static SymmetrySettings read(StrictConfig c) {
        return new SymmetrySettings(
                c.bool("use-data-augmentation"),
                c.bool("use-mirror-loss"),
                c.nonNegative("mirror-loss-coef"),
                c.ints("policy-obs-map"),
                c.ints("critic-obs-map"),
                c.ints("action-map"));
    }

    public boolean enabled() {
        return useDataAugmentation || useMirrorLoss;
    }
}
