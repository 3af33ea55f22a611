package dev.ampj.sim.task;

import dev.ampj.common.CounterRandom;
import dev.ampj.common.RandomStream;
import dev.ampj.sim.env.ReferenceStateSampler;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.terms.FrameLayout;
import dev.ampj.sim.terms.KinematicFrame;

/**
 * Episode starts for a robot its external simulator declares (docs/gateway-protocol.md, "Episode
 * starts"): the rows of {@link EpisodeStarts} for a layout of J joints (13 + 2J floats), drawn from
 * the same (seed, env, episode) streams. The platform has no kinematics of such a robot, so it
 * neither randomises its default pose nor lifts a reference state clear of the ground: a reference
 * row is the motion's state as is (root height from the clip, horizontal position the env's own
 * origin); a default-pose row carries the declared default joint positions at rest, root height 0,
 * and the client places the robot and adds its own noise.
 */
public final class DeclaredEpisodeStarts {

    private final long seed;
    private final SimSettings settings;
    private final ReferenceStateSampler sampler;
    private final EpisodeReset commands;
    private final FrameLayout layout;
    private final KinematicFrame frame;
    private final long[] streamIds = new long[2];

    /** {@code sampler} (over {@code layout}) may be null when {@code amp.sim.init.reference-state-init} is 0. */
    public DeclaredEpisodeStarts(long seed, SimSettings settings, ReferenceStateSampler sampler, FrameLayout layout) {
        EpisodeStarts.requireSampler(settings, sampler);
        this.seed = seed;
        this.settings = settings;
        this.sampler = sampler;
        this.commands = new EpisodeReset(seed, settings, sampler);
        this.layout = layout;
        this.frame = new KinematicFrame(layout);
    }

    /** Floats per row. */
    public int width() {
        return EpisodeStarts.width(layout.numJoints());
    }

    /** Writes the start of episode {@code episode} of env {@code envId} into {@code out} at {@code offset}. */
    public synchronized void write(int envId, long episode, float[] out, int offset) {
        streamIds[0] = envId;
        streamIds[1] = episode;
        double rsi = settings.init().referenceStateInit();
        boolean fromReference = sampler != null && rsi > 0
                && CounterRandom.uniform(CounterRandom.key(seed, EpisodeReset.RESET, streamIds), 0) < rsi;
        if (fromReference) {
            sampler.sample(new RandomStream(CounterRandom.key(seed, EpisodeReset.REFERENCE_STATE, streamIds), 0), frame);
            if (!frame.isFinite()) {
                throw new IllegalStateException("reference state sampler gave a non-finite state for env " + envId
                        + " episode " + episode + ": " + frame);
            }
        } else {
            frame.atRest(layout.defaultJointPos());
        }
        EpisodeStarts.writeRow(fromReference, commands.command(streamIds, frame, fromReference), frame, out, offset);
    }
}
