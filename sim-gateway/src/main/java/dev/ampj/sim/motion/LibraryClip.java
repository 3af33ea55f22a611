package dev.ampj.sim.motion;

/**
 * One clip of a {@link MotionLibrary}, ready for sampling at the control rate: kinematics mapped
 * onto the robot and resampled, or AMP states (a sequence at the control rate, or formed pairs).
 * Exactly one of {@code kinematics}, {@code states}, {@code pairs} is non-null.
 *
 * @param weight relative probability of drawing this clip
 */
public record LibraryClip(String source, MotionFormat format, double weight, KinematicClip kinematics,
        AmpStateSequence states, AmpStatePairs pairs) {

    public LibraryClip {
        int set = (kinematics != null ? 1 : 0) + (states != null ? 1 : 0) + (pairs != null ? 1 : 0);
        if (set != 1) {
            throw new IllegalArgumentException(source + ": a library clip holds exactly one kind of data");
        }
    }

    public boolean isKinematic() {
        return kinematics != null;
    }

    /** Kinematics with every body of the robot (not a root-only clip): usable for reference-state init. */
    public boolean hasAllBodies(int robotBodies) {
        return kinematics != null && kinematics.bodies() == robotBodies;
    }

    /** Number of (s, s′) pairs the clip offers: consecutive frames, or the stored pairs. */
    public int pairCount() {
        if (kinematics != null) {
            return kinematics.frames() - 1;
        }
        if (states != null) {
            return states.frames() - 1;
        }
        return pairs.count();
    }

    /** Frames (or pairs) held. */
    public int frames() {
        return kinematics != null ? kinematics.frames() : states != null ? states.frames() : pairs.count();
    }
}
