package dev.ampj.sim.task;

import dev.ampj.sim.env.ReferenceStateSampler;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.terms.KinematicFrame;

/**
 * The start of an episode of the velocity task as a row of floats, for simulators outside the JVM
 * (docs/gateway-protocol.md, "Episode starts"): drawn by {@link EpisodeReset} from the same
 * (seed, env, episode) streams the embedded engine draws it from, so an external run starts each
 * episode where the embedded robot would have started it.
 *
 * <p>Row layout ({@link #WIDTH} floats): reference (1.0 when a reference state, 0.0 for the
 * randomised default pose), command (forward speed, m/s), root height (m), root orientation
 * (w, x, y, z, body to world), root linear velocity (world, m/s, 3), root angular velocity
 * (world, rad/s, 3), joint positions (rad, 6, {@link OstrichLayout#JOINTS} order), joint
 * velocities (rad/s, 6). The root's horizontal position is the env's own origin.
 */
public final class EpisodeStarts {

    /** Joints of the ostrich. */
    static final int JOINTS = OstrichLayout.JOINTS.size();
    /** Floats per row. */
    public static final int WIDTH = width(JOINTS);

    private final EpisodeReset reset;
    private final KinematicFrame frame = new KinematicFrame(OstrichLayout.LAYOUT);
    private final long[] streamIds = new long[2];

    /** {@code sampler} may be null when {@code amp.sim.init.reference-state-init} is 0. */
    public EpisodeStarts(long seed, SimSettings settings, ReferenceStateSampler sampler) {
        requireSampler(settings, sampler);
        this.reset = new EpisodeReset(seed, settings, sampler);
    }

    /** Writes the start of episode {@code episode} of env {@code envId} into {@code out} at {@code offset}. */
    public void write(int envId, long episode, float[] out, int offset) {
        streamIds[0] = envId;
        streamIds[1] = episode;
        boolean fromReference = reset.initialState(streamIds, frame);
        writeRow(fromReference, reset.command(streamIds, frame, fromReference), frame, out, offset);
    }

    /** Floats per row of a robot with {@code joints} joints. */
    static int width(int joints) {
        return 13 + 2 * joints;
    }

    /** A reference-state fraction above 0 needs a reference motion to draw the states from. */
    static void requireSampler(SimSettings settings, ReferenceStateSampler sampler) {
        if (settings.init().referenceStateInit() > 0 && sampler == null) {
            throw new IllegalArgumentException("amp.sim.init.reference-state-init = " + settings.init().referenceStateInit()
                    + " needs a reference motion (a ReferenceStateSampler); set it to 0 or give a motion");
        }
    }

    /** One row in the layout above, from an episode's start state {@code frame} and its command. */
    static void writeRow(boolean fromReference, double command, KinematicFrame frame, float[] out, int offset) {
        int o = offset;
        out[o++] = fromReference ? 1f : 0f;
        out[o++] = (float) command;
        out[o++] = (float) frame.rootPos[2];
        o = put(frame.rootQuat, out, o);
        o = put(frame.rootLinVel, out, o);
        o = put(frame.rootAngVel, out, o);
        o = put(frame.jointPos, out, o);
        put(frame.jointVel, out, o);
    }

    private static int put(double[] values, float[] out, int o) {
        for (double v : values) {
            out[o++] = (float) v;
        }
        return o;
    }
}
