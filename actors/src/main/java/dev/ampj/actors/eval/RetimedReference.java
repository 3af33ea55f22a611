package dev.ampj.actors.eval;

import dev.ampj.actors.env.ReferencePairs;
import dev.ampj.sim.env.ObsGroupSpec;
import dev.ampj.sim.env.VecEnvSpec;

/**
 * The reference moved as an ideal policy would move under the eval's commands: for each command,
 * the clip whose mean speed is nearest, retimed to the commanded speed (every velocity column, AMP
 * terms named {@code *_vel} or {@code *_vel_*}, times command / clip speed; positions, heights and
 * orientations unchanged). Its pooled style distance to the reference is what a policy that
 * reproduced the reference's gaits exactly, each at the speeds it is commanded, would score: the
 * part of the pooled distance that the command range sets, not style. (Each s′ stays the clip's next
 * frame, where at k times the cadence it would lie k control steps on: a second-order change for the
 * ±30% speed changes between two gaits.)
 */
record RetimedReference(float[] features, int pairs) {

    static RetimedReference of(ReferencePairs reference, VecEnvSpec spec, double[] clipSpeeds, double[] commands) {
        int d = reference.dim();
        boolean[] velocity = new boolean[d];
        for (ObsGroupSpec.Slice term : spec.amp().slices()) {
            if (term.term().endsWith("_vel") || term.term().contains("_vel_")) {
                for (int i = 0; i < term.dim(); i++) {
                    velocity[term.offset() + i] = true;
                }
            }
        }
        int pairs = 0;
        int[] clipOf = new int[commands.length];
        for (int e = 0; e < commands.length; e++) {
            clipOf[e] = nearest(clipSpeeds, commands[e]);
            pairs += reference.clips().get(clipOf[e]).pairs();
        }
        float[] out = new float[pairs * 2 * d];
        int row = 0;
        for (int e = 0; e < commands.length; e++) {
            ReferencePairs.Clip clip = reference.clips().get(clipOf[e]);
            float scale = (float) (commands[e] / clipSpeeds[clipOf[e]]);
            for (int i = 0; i < clip.pairs(); i++, row++) {
                for (int j = 0; j < d; j++) {
                    float k = velocity[j] ? scale : 1f;
                    out[row * 2 * d + j] = clip.states()[i * d + j] * k;
                    out[row * 2 * d + d + j] = clip.nextStates()[i * d + j] * k;
                }
            }
        }
        return new RetimedReference(out, pairs);
    }

    private static int nearest(double[] speeds, double v) {
        int best = 0;
        for (int k = 1; k < speeds.length; k++) {
            if (Math.abs(speeds[k] - v) < Math.abs(speeds[best] - v)) {
                best = k;
            }
        }
        return best;
    }
}
