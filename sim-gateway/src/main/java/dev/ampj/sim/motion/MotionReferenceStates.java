package dev.ampj.sim.motion;

import dev.ampj.common.RandomStream;
import dev.ampj.sim.env.ReferenceStateSampler;
import dev.ampj.sim.terms.KinematicFrame;

/**
 * Reference-state initialisation from a {@link MotionLibrary}: a clip by weight (among the clips
 * that carry every body of the robot), then a control-rate frame uniformly within it, both drawn
 * from the env's own stream. Read-only over the library, so safe to call from several threads.
 */
public final class MotionReferenceStates implements ReferenceStateSampler {

    private final MotionLibrary library;
    private final double[] cumulative;
    private static final KinematicFrame[] NO_FRAMES = new KinematicFrame[0];

    public MotionReferenceStates(MotionLibrary library) {
        this.library = library;
        this.cumulative = library.cumulative(true);
        if (cumulative[cumulative.length - 1] <= 0) {
            throw new IllegalArgumentException("reference-state init needs a motion file with full kinematics of every body "
                    + library.layout().bodyNames() + "; the library holds only AMP-state or root-only files");
        }
    }

    @Override
    public void sample(RandomStream rng, KinematicFrame out) {
        sample(rng, out, NO_FRAMES);
    }

    /** The frames before the drawn one, from the same clip; the clip's first frame where it has no earlier one. */
    @Override
    public void sample(RandomStream rng, KinematicFrame out, KinematicFrame[] before) {
        int c = MotionLibrary.pick(cumulative, rng.nextDouble());
        int f = rng.nextInt(library.clips().get(c).frames());
        library.frame(c, f, out);
        for (int i = 0; i < before.length; i++) {
            library.frame(c, Math.max(0, f - 1 - i), before[i]);
        }
    }
}
