package dev.ampj.sim.ostrich;

import dev.ampj.sim.env.AmpWindow;
import dev.ampj.sim.env.GaitCondition;
import dev.ampj.sim.env.ObsGroupSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ostrich's left/right mirror as signed permutations (rsl_rl / amp-rsl-rl symmetry maps:
 * 1-based, entry i = +j means mirrored[i] = x[j-1], −j means −x[j-1]). Mirroring the robot through
 * its sagittal plane swaps the legs and negates the sideways parts of root motion: linear vectors
 * (velocity, gravity) negate y, angular velocities negate x and z. Derived from an observation
 * group's term slices, so any group built from the terms below gets its map; a term stacked with
 * history is mirrored frame by frame (each frame stays in its place in time), and so are the AMP
 * state's older frames ({@link AmpWindow}).
 */
public final class OstrichMirror {

    private static final int LEG = 3;

    private OstrichMirror() {}

    /** The mirror map of {@code group}, or empty when it holds a term whose mirror is not defined here. */
    public static Optional<int[]> map(ObsGroupSpec group) {
        List<Integer> out = new ArrayList<>();
        List<ObsGroupSpec.Slice> frameTerms = new ArrayList<>();
        for (ObsGroupSpec.Slice s : group.slices()) {
            for (int h = 0; h < s.history(); h++) {
                int base = s.offset() + h * s.frameDim() + 1;
                boolean defined = AmpWindow.HISTORY_TERM.equals(s.term())
                        ? mirrorOlderFrame(frameTerms, s.frameDim(), base, out)
                        : mirrorFrame(s.term(), s.frameDim(), base, out);
                if (!defined) {
                    return Optional.empty();
                }
            }
            frameTerms.add(s);
        }
        return Optional.of(out.stream().mapToInt(Integer::intValue).toArray());
    }

    /** An older AMP frame ({@link AmpWindow}): the terms before it, in their order, from 1-based {@code base}. */
    private static boolean mirrorOlderFrame(List<ObsGroupSpec.Slice> terms, int frameDim, int base, List<Integer> out) {
        int off = 0;
        for (ObsGroupSpec.Slice t : terms) {
            if (!mirrorFrame(t.term(), t.dim(), base + off, out)) {
                return false;
            }
            off += t.dim();
        }
        return off == frameDim;
    }

    /** Appends the map of one frame of {@code term} starting at 1-based {@code base}; false if undefined. */
    private static boolean mirrorFrame(String term, int dim, int base, List<Integer> out) {
        switch (term) {
            case "root_height", "velocity_command", GaitCondition.TERM -> { // a gait mirrored is the same gait
                for (int i = 0; i < dim; i++) {
                    out.add(base + i);
                }
            }
            case "root_lin_vel_b", "root_lin_vel_w", "projected_gravity" -> {
                out.add(base);
                out.add(-(base + 1));
                out.add(base + 2);
            }
            case "root_ang_vel_b", "root_ang_vel_w" -> {
                out.add(-base);
                out.add(base + 1);
                out.add(-(base + 2));
            }
            case "joint_pos", "joint_pos_rel", "joint_vel", "last_action" -> {
                if (dim != 2 * LEG) {
                    return false;
                }
                swapLegs(out, base, LEG);
            }
            case "foot_contact" -> {
                if (dim != 2) {
                    return false;
                }
                swapLegs(out, base, 1);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** The action map: the six joint targets with the legs swapped. */
    public static int[] actionMap() {
        List<Integer> out = new ArrayList<>();
        swapLegs(out, 1, LEG);
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Left block [base, base + n) and right block [base + n, base + 2n) exchanged. */
    private static void swapLegs(List<Integer> out, int base, int n) {
        for (int i = 0; i < n; i++) {
            out.add(base + n + i);
        }
        for (int i = 0; i < n; i++) {
            out.add(base + i);
        }
    }
}
