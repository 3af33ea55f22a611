package dev.ampj.learner;

/**
 * Revision of the learner's numerics (how the networks, losses and optimisers compute, not what
 * they compute). Bump it with every change that alters parameters or actions at the bit level:
 * runs record it, and resume, replay and eval refuse a run of another revision instead of failing
 * later on a digest. Runs recorded before it existed are revision 1.
 * 1: MLP layers as matmul then bias add.
 * 2: layers as one fused addmm; one-output layers (critic, discriminator) as a broadcast multiply
 *    and a row sum.
 */
public final class LearnerRevision {

    /** Name under which runs record {@link #REVISION}. */
    public static final String KEY = "learner-numerics";
    public static final String REVISION = "2";
    /** The revision of runs recorded before it was kept. */
    public static final String BEFORE_RECORDED = "1";

    private LearnerRevision() {}
}
