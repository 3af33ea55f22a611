package dev.ampj.learner.config;

/** Adam's constants (torch defaults). */
public record AdamSettings(double beta1, double beta2, double eps) {

    static AdamSettings read(StrictConfig c) {
        return new AdamSettings(c.beta("adam-beta1"), c.beta("adam-beta2"), c.positive("adam-eps"));
    }
}
