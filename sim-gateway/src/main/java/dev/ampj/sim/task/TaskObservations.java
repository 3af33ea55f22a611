package dev.ampj.sim.task;

import dev.ampj.sim.env.AmpWindow;
import dev.ampj.sim.env.GaitCondition;
import dev.ampj.sim.env.ObsGroupSpec;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.terms.AmpObservation;
import dev.ampj.sim.terms.AmpTermRegistry;
import java.util.List;

/**
 * Observation groups of the velocity task (seed 001's policy observation, a critic with privileged
 * terms, and the configured AMP observation). The policy's terms are the critic's first ones, so one
 * clean critic frame, written term by term into its declared slots ({@link ObsFrameWriter}), holds
 * both clean frames. Stateless, shared by all envs.
 *
 * <pre>
 * policy (28): root_lin_vel_b 3, root_ang_vel_b 3, projected_gravity 3, velocity_command 1,
 *              joint_pos_rel 6, joint_vel 6, last_action 6
 * critic (31): policy + root_height 1, foot_contact 2 (left, right; 1 when touching the ground)
 * amp:         amp.sim.observations.amp-terms over key-bodies (ostrich22 by default: 22), their older
 *              frames with amp-history-length > 1 ({@link AmpWindow}), then the gait condition when
 *              amp-gait-condition is on (one column per reference clip)
 * </pre>
 * These are the clean frames; the policy and critic rows are them after {@link ObsProcessing} and
 * {@link ObsHistory} (as wide as above with the defaults, {@code history × width} per term otherwise).
 * The AMP row is never processed.
 */
final class TaskObservations {

    static final List<String> POLICY_TERMS = List.of("root_lin_vel_b", "root_ang_vel_b", "projected_gravity",
            "velocity_command", "joint_pos_rel", "joint_vel", "last_action");
    static final List<Integer> POLICY_DIMS = List.of(3, 3, 3, 1, 6, 6, 6);
    static final List<String> CRITIC_EXTRA = List.of("root_height", "foot_contact");
    static final List<Integer> CRITIC_EXTRA_DIMS = List.of(1, 2);

    final AmpObservation amp;
    /** Writes the clean critic frame (its first {@code policy} frame floats are the clean policy frame). */
    final ObsFrameWriter cleanFrame;
    final ObsGroupSpec policy;
    final ObsGroupSpec critic;
    final ObsGroupSpec ampSpec;

    final ObsProcessing policyProcessing;
    final ObsProcessing criticProcessing;

    /** The gait condition appended to each AMP row (width 0 when off). */
    final GaitCondition condition;
    /** The AMP row's frames over time and its condition. */
    final AmpWindow window;

    TaskObservations(SimSettings.Observations settings) {
        this(settings, GaitCondition.none());
    }

    TaskObservations(SimSettings.Observations settings, GaitCondition condition) {
        String path = SimSettings.PATH + ".observations";
        policyProcessing = new ObsProcessing("policy", path + ".policy", settings.policy(), POLICY_TERMS, POLICY_DIMS);
        criticProcessing = new ObsProcessing("critic", path + ".critic", settings.critic(),
                concat(POLICY_TERMS, CRITIC_EXTRA), concat(POLICY_DIMS, CRITIC_EXTRA_DIMS));
        policy = policyProcessing.spec;
        critic = criticProcessing.spec;
        try {
            amp = AmpTermRegistry.resolve(settings.ampTerms(), settings.keyBodies(), OstrichLayout.LAYOUT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
        cleanFrame = new ObsFrameWriter(critic, ObsTermWriter::of);
        GaitCondition.Mode mode = settings.ampGaitCondition();
        if (mode == GaitCondition.Mode.ON && condition.isNone()) {
            throw new IllegalArgumentException(path + ".amp-gait-condition = true, but the env was built without the reference "
                    + "clips' speeds (it needs the reference motion)");
        }
        if (mode == GaitCondition.Mode.OFF && !condition.isNone()) {
            throw new IllegalArgumentException(path + ".amp-gait-condition = false, but the env was given a gait condition");
        }
        this.condition = condition;
        window = AmpWindow.of(amp.dim(), settings.ampHistoryLength(), condition);
        List<String> names = amp.termNames();
        ampSpec = window.spec(names, names.stream().map(amp::dimOf).toList());
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        java.util.ArrayList<T> out = new java.util.ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(out);
    }
}
