package dev.ampj.sim.motion;

import java.util.List;

/**
 * What one reference motion file holds once read and validated: either full kinematics
 * ({@link KinematicClip}) or observations already in AMP form ({@link AmpStateSequence},
 * {@link AmpStatePairs}).
 */
public sealed interface ReferenceMotion permits KinematicClip, AmpStateSequence, AmpStatePairs {

    /** The file it came from, for messages. */
    String source();

    MotionFormat format();

    /** Things that look wrong but do not make the data unusable (e.g. a suspicious quaternion order). */
    List<String> warnings();
}
