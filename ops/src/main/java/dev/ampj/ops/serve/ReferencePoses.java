package dev.ampj.ops.serve;

import dev.ampj.actors.env.ReferencePairs;
import java.util.ArrayList;
import java.util.List;

/**
 * Every frame of a run's reference motion as an {@link OstrichPose} pose, read through the motion
 * library and the run's own AMP observation terms (so env and reference are decoded alike), and
 * the frame nearest to a pose: least squares over root height, pitch and joint angles.
 */
final class ReferencePoses {

    /** The frame of {@code clip} at {@code frame} and its pose. */
    record Match(String clip, int frame, double[] pose) {}

    private final List<String> sources = new ArrayList<>();
    private final List<double[][]> poses = new ArrayList<>();

    ReferencePoses(ReferencePairs reference, OstrichPose decoder) {
        for (ReferencePairs.Clip c : reference.clips()) {
            double[][] frames = new double[c.pairs()][];
            for (int i = 0; i < c.pairs(); i++) {
                frames[i] = decoder.pose(c.states(), i * reference.dim());
            }
            sources.add(c.source());
            poses.add(frames);
        }
    }

    /** The reference frame nearest to {@code pose} (first in library order on ties). */
    Match nearest(double[] pose) {
        double best = Double.POSITIVE_INFINITY;
        int bestClip = 0;
        int bestFrame = 0;
        for (int c = 0; c < poses.size(); c++) {
            double[][] frames = poses.get(c);
            for (int f = 0; f < frames.length; f++) {
                double d = 0;
                for (int k = 0; k < pose.length; k++) {
                    double e = frames[f][k] - pose[k];
                    d += e * e;
                }
                if (d < best) {
                    best = d;
                    bestClip = c;
                    bestFrame = f;
                }
            }
        }
        return new Match(sources.get(bestClip), bestFrame, poses.get(bestClip)[bestFrame]);
    }
}
