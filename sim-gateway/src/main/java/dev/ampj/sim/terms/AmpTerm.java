package dev.ampj.sim.terms;

/**
 * One AMP observation term bound to a robot's {@link FrameLayout} (and key bodies): a pure function
 * of a {@link KinematicFrame}. Both the env and the motion library evaluate the same instances, so
 * policy and reference AMP states cannot disagree.
 */
public interface AmpTerm {

    /** Registry name, e.g. {@code projected_gravity}. */
    String name();

    /** Number of floats written. */
    int dim();

    /** Writes {@link #dim()} floats of {@code frame} into {@code out} from {@code offset}; allocation-free. */
    void compute(KinematicFrame frame, float[] out, int offset);
}
