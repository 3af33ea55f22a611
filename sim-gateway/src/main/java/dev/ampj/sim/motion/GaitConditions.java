package dev.ampj.sim.motion;

import dev.ampj.sim.env.GaitCondition;
import java.util.ArrayList;
import java.util.List;

/** The {@link GaitCondition} of a motion library: one class per clip, at the clip's mean forward speed. */
public final class GaitConditions {

    private GaitConditions() {}

    /**
     * Each clip's mean forward (world x) root speed over its control-rate frames. Clips in AMP-state
     * form carry no root velocity the platform can read, so they are refused, naming the file.
     */
    public static GaitCondition of(MotionLibrary library) {
        List<String> names = new ArrayList<>();
        double[] speeds = new double[library.size()];
        for (int c = 0; c < library.size(); c++) {
            LibraryClip clip = library.clips().get(c);
            KinematicClip k = clip.kinematics();
            if (k == null) {
                throw new MotionFileException(clip.source(), null, "holds AMP states, not kinematics, so its gait speed is "
                        + "unknown; amp.sim.observations.amp-gait-condition = true needs kinematic clips (or set it false)");
            }
            double sum = 0;
            int bodies = k.bodies();
            for (int f = 0; f < k.frames(); f++) {
                sum += k.bodyLinVel()[f * bodies * 3];
            }
            speeds[c] = sum / k.frames();
            names.add(clip.source());
        }
        return GaitCondition.of(names, speeds);
    }
}
