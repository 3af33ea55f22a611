package dev.ampj.learner.config;

/** Discriminator objective: BCE-with-logits (default), least squares (AMP paper, targets +1/-1), or WGAN-GP. */
public enum DiscriminatorLossType {
    BCE,
    LSGAN,
    WGAN
}
