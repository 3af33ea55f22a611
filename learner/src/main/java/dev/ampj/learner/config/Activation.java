package dev.ampj.learner.config;

/** Hidden-layer nonlinearity of an MLP (rsl_rl {@code activation}). */
public enum Activation {
    ELU,
    RELU,
    TANH;

    static Activation parse(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
