package dev.ampj.actors.eval;

import dev.ampj.sim.env.AmpWindow;
import dev.ampj.sim.env.GaitCondition;
import dev.ampj.sim.env.ObsGroupSpec;
import dev.ampj.sim.env.VecEnvSpec;
import java.util.List;

/**
 * Whether a policy trained on one engine's envs can be scored on another's: the policy observation
 * (terms, widths, history), the action width, the control step and the AMP motion terms (the
 * discriminator's and the style distance's columns of one frame, older frames and a gait condition
 * aside) must be the same.
 * Anything else would feed the policy or the discriminator columns that mean something else.
 */
final class LayoutMatch {

    private LayoutMatch() {}

    /** Throws naming the first difference between the run's layout {@code trained} and the scoring engine's. */
    static void require(VecEnvSpec trained, VecEnvSpec scoring, String engine) {
        String prefix = "cannot score on engine " + engine + " (" + scoring.engine() + "): ";
        if (!trained.robot().equals(scoring.robot())) {
            throw new IllegalArgumentException(prefix + "the run's robot is " + trained.robot() + ", the engine's " + scoring.robot());
        }
        if (!trained.policy().slices().equals(scoring.policy().slices())) {
            throw new IllegalArgumentException(prefix + "the policy observation differs: the run's is " + describe(trained.policy().slices())
                    + ", the engine's " + describe(scoring.policy().slices()));
        }
        if (trained.actionDim() != scoring.actionDim()) {
            throw new IllegalArgumentException(prefix + "the run's policy acts on " + trained.actionDim() + " joints, the engine's envs on "
                    + scoring.actionDim());
        }
        if (Math.abs(trained.controlDt() - scoring.controlDt()) > 1e-12) {
            throw new IllegalArgumentException(prefix + "the run's control step is " + trained.controlDt() + " s, the engine's "
                    + scoring.controlDt() + " s");
        }
        List<ObsGroupSpec.Slice> a = motion(trained);
        List<ObsGroupSpec.Slice> b = motion(scoring);
        if (!a.equals(b)) {
            throw new IllegalArgumentException(prefix + "the AMP motion terms differ: the run's are " + describe(a) + ", the engine's "
                    + describe(b));
        }
    }

    /** The AMP terms of one frame: without a gait condition (always the last) and older frames. */
    private static List<ObsGroupSpec.Slice> motion(VecEnvSpec spec) {
        return spec.amp().slices().stream()
                .filter(s -> !GaitCondition.TERM.equals(s.term()) && !AmpWindow.HISTORY_TERM.equals(s.term())).toList();
    }

    private static String describe(List<ObsGroupSpec.Slice> slices) {
        return slices.stream().map(s -> s.term() + "[" + s.dim() + (s.history() > 1 ? "/" + s.history() + " frames" : "") + "]")
                .toList().toString();
    }
}
