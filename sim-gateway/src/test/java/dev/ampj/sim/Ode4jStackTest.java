package dev.ampj.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.ode4j.ode.DBody;
import org.ode4j.ode.DMass;
import org.ode4j.ode.DWorld;
import org.ode4j.ode.OdeHelper;

/** ode4j steps a free body with the dense stepper and matches free fall. */
class Ode4jStackTest {

    @Test
    void freeBodyFallsUnderGravity() {
        OdeHelper.initODE2(0);
        DWorld world = OdeHelper.createWorld();
        try {
            world.setGravity(0, 0, -9.81);
            DBody body = OdeHelper.createBody(world);
            DMass mass = OdeHelper.createMass();
            mass.setSphereTotal(1.0, 0.1);
            body.setMass(mass);
            body.setPosition(0, 0, 10);
            double dt = 0.005;
            int steps = 200;
            for (int i = 0; i < steps; i++) {
                world.step(dt);
            }
            double t = dt * steps;
            // Semi-implicit Euler: z = z0 - g dt^2 n(n+1)/2
            double expected = 10 - 9.81 * dt * dt * steps * (steps + 1) / 2.0;
            assertEquals(expected, body.getPosition().get2(), 1e-9);
            assertEquals(-9.81 * t, body.getLinearVel().get2(), 1e-9);
        } finally {
            world.destroy();
        }
    }
}
