package dev.ampj.ops.playback;

import dev.ampj.sim.motion.KinematicClip;
import dev.ampj.sim.motion.LibraryClip;
import dev.ampj.sim.motion.MotionLibrary;
import dev.ampj.sim.terms.KinematicFrame;

/** One kinematic clip of a run's reference motion at the control rate, looped, and its mean forward speed. */
public record ReferenceClip(MotionLibrary library, int index, String name, int frames, double meanSpeed) {

    /** Clip {@code index} of {@code library}; a missing index or a clip of bare AMP states is refused, naming the clips. */
    public static ReferenceClip of(MotionLibrary library, int index) {
        if (index < 0 || index >= library.size()) {
            StringBuilder names = new StringBuilder();
            for (int i = 0; i < library.size(); i++) {
                names.append(i == 0 ? "" : ", ").append(i).append(' ').append(name(library.clips().get(i)));
            }
            throw new IllegalArgumentException("--env " + index + ": the reference motion has " + library.size() + " clips ("
                    + names + ")");
        }
        LibraryClip clip = library.clips().get(index);
        KinematicClip k = clip.kinematics();
        if (k == null) {
            throw new IllegalArgumentException("reference clip " + index + " (" + clip.source() + ") holds AMP states, not "
                    + "kinematics: there is no pose to draw");
        }
        int b = k.bodies();
        double distance = k.bodyPos()[(k.frames() - 1) * b * 3] - k.bodyPos()[0];
        double speed = k.frames() > 1 ? distance / ((k.frames() - 1) * library.controlDt()) : 0;
        return new ReferenceClip(library, index, name(clip), k.frames(), speed);
    }

    /** The pose {@code step} control steps in, the clip looping. */
    public KinematicFrame frame(int step) {
        KinematicFrame f = new KinematicFrame(library.layout());
        library.frame(index, step % frames, f);
        return f;
    }

    private static String name(LibraryClip clip) {
        String s = clip.source();
        return s.substring(Math.max(s.lastIndexOf('/'), s.lastIndexOf(':')) + 1);
    }
}
