package dev.ampj.sim.gateway;

import com.typesafe.config.Config;
import dev.ampj.sim.env.VecEnvSpec;

/**
 * What a client's HELLO is checked against ({@link GatewayClients}): a built-in robot's fixed env
 * spec ({@link #fixed}), or a robot its clients declare ({@link DeclaredRobotContract}), whose spec
 * the first admitted HELLO of a new run sets.
 */
public interface HelloContract {

    /** The spec admitted clients drive; null while a declared robot waits for its first client. */
    VecEnvSpec spec();

    /**
     * The spec {@code hello} must agree with (then checked field by field by {@link Hello}); throws
     * {@link GatewayProtocolException} when the HELLO declares another robot than the contract's.
     */
    VecEnvSpec specFor(Config hello);

    /** Called once {@code hello} passed every check against {@link #specFor}'s spec. */
    default void admitted(Config hello) {}

    /** Floats of an episode-start row sent to clients of this contract. */
    int startWidth();

    /** True when a bound admission under this contract also serves {@code other} (same robot, same checks). */
    boolean serves(HelloContract other);

    /** The contract of a built-in robot: every HELLO is checked against {@code spec}. */
    static HelloContract fixed(VecEnvSpec spec) {
        return new Fixed(spec);
    }

    /** A built-in robot's contract. */
    record Fixed(VecEnvSpec spec) implements HelloContract {

        @Override
        public VecEnvSpec specFor(Config hello) {
            return spec;
        }

        @Override
        public int startWidth() {
            return dev.ampj.sim.task.EpisodeStarts.WIDTH;
        }

        @Override
        public boolean serves(HelloContract other) {
            return other instanceof Fixed f && f.spec.equals(spec);
        }
    }
}
