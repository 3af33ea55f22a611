package dev.ampj.actors.env;

/**
 * Expert AMP pairs (s, s′) for the discriminator, drawn from reference motion with one
 * counter-based stream whose position is its whole state (checkpointed, restored with {@link #seek}).
 * Owned by the DiscriminatorTrainerActor actor: one caller.
 */
public interface ExpertMotion {

    /** Floats per AMP state; must equal the env's AMP observation width. */
    int dim();

    /** Writes {@code n} pairs row by row into {@code states} and {@code nextStates} (n × dim each). */
    void sample(int n, float[] states, float[] nextStates);

    /** Draws consumed so far. */
    long position();

    /** Continues from a checkpointed {@link #position()}. */
    void seek(long position);
}
