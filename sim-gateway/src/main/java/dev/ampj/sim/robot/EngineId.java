package dev.ampj.sim.robot;

/**
 * A physics engine's name and version, recorded with every snapshot and run: another engine, or
 * another version of one, gives other trajectories, so restores and replays refuse them.
 */
public record EngineId(String name, String version) {

    /** "ode4j 0.5.3". */
    public String describe() {
        return name + " " + version;
    }

    @Override
    public String toString() {
        return describe();
    }
}
