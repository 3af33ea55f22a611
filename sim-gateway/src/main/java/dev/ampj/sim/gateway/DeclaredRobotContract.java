package dev.ampj.sim.gateway;

import com.typesafe.config.Config;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.VecEnvSpec;

/**
 * The HELLO contract of a robot declared by its clients ({@link DeclaredRobot}): a new run takes the
 * declaration of its first admitted client; a run that recorded one (resume, fork, replay, eval)
 * starts from it. Every later HELLO must declare the same robot, and all are checked, as for a
 * built-in robot, against the spec the declaration gives under {@code amp.sim}.
 */
public final class DeclaredRobotContract implements HelloContract {

    private final SimSettings sim;
    private final String engine;
    private DeclaredRobot robot;
    private DeclaredRobot pending;
    private VecEnvSpec spec;

    /** {@code recorded}: the run's declaration, null for a new run (its first client declares it). */
    public DeclaredRobotContract(SimSettings sim, String engine, DeclaredRobot recorded) {
        this.sim = sim;
        this.engine = engine;
        this.robot = recorded;
        this.spec = recorded == null ? null : recorded.spec(sim, engine);
    }

    /** The declaration clients are held to; null until the first client of a new run was admitted. */
    public synchronized DeclaredRobot robot() {
        return robot;
    }

    @Override
    public synchronized VecEnvSpec spec() {
        return spec;
    }

    @Override
    public synchronized VecEnvSpec specFor(Config hello) {
        DeclaredRobot d = DeclaredRobot.fromHello(hello);
        if (!d.name().equals(sim.robot())) {
            throw new GatewayProtocolException("HELLO robot: got " + d.name() + ", expected " + sim.robot() + " (amp.sim.robot)");
        }
        if (robot != null) {
            String diff = robot.difference(d);
            if (diff != null) {
                throw new GatewayProtocolException(diff);
            }
            return spec;
        }
        pending = d;
        return d.spec(sim, engine);
    }

    @Override
    public synchronized void admitted(Config hello) {
        if (robot == null && pending != null) {
            robot = pending;
            spec = pending.spec(sim, engine);
        }
        pending = null;
    }

    @Override
    public synchronized int startWidth() {
        if (robot == null) {
            throw new IllegalStateException("no client declared robot " + sim.robot() + " yet");
        }
        return robot.startWidth();
    }

    @Override
    public synchronized boolean serves(HelloContract other) {
        if (!(other instanceof DeclaredRobotContract o) || !o.sim.equals(sim) || !o.engine.equals(engine)) {
            return false;
        }
        DeclaredRobot theirs = o.robot();
        return theirs == null || theirs.equals(robot);
    }
}
