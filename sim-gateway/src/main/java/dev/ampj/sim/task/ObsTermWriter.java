package dev.ampj.sim.task;

import dev.ampj.sim.ostrich.OstrichGeometry;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.terms.AmpObservation;
import dev.ampj.sim.terms.AmpTermRegistry;
import java.util.List;

/**
 * Writes one observation term's clean value (one frame, {@link #dim()} floats) of an env. Terms of
 * the kinematic frame reuse the AMP observation terms, so there is one definition of e.g.
 * {@code projected_gravity}; the others read the env's command, actions and contacts. Stateless.
 */
interface ObsTermWriter {

    /** Floats of one frame of the term. */
    int dim();

    void write(TaskContext c, float[] out, int off);

    /** The velocity task's writer of term {@code name}, or null when the task has none. */
    static ObsTermWriter of(String name) {
        switch (name) {
            case "velocity_command":
                return new Of(1, (c, out, off) -> out[off] = (float) c.command);
            case "last_action":
                return new Of(6, (c, out, off) -> System.arraycopy(c.lastAction, 0, out, off, 6));
            case "foot_contact":
                // 1 when touching the ground: left, right (no body state reproduces contacts).
                return new Of(2, (c, out, off) -> {
                    out[off] = c.robot.inContact(OstrichGeometry.LEFT_FOOT) ? 1f : 0f;
                    out[off + 1] = c.robot.inContact(OstrichGeometry.RIGHT_FOOT) ? 1f : 0f;
                });
            default:
                if (!AmpTermRegistry.TERMS.contains(name)) {
                    return null;
                }
                AmpObservation term = AmpTermRegistry.resolve(List.of(name), List.of(), OstrichLayout.LAYOUT);
                return new Of(term.dim(), (c, out, off) -> term.compute(c.frame, out, off));
        }
    }

    /** The values of a term, written from {@code out[off]}. */
    @FunctionalInterface
    interface Values {
        void write(TaskContext c, float[] out, int off);
    }

    /** A writer of {@code dim} floats. */
    record Of(int dim, Values values) implements ObsTermWriter {
        public void write(TaskContext c, float[] out, int off) {
            values.write(c, out, off);
        }
    }
}
