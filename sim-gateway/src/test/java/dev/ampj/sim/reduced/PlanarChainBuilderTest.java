package dev.ampj.sim.reduced;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** A chain that cannot be simulated is refused when built, with the body and the value named. */
class PlanarChainBuilderTest {

    private static void refused(Executable build, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, build);
        for (String p : parts) {
            assertTrue(e.getMessage().contains(p), "message '" + e.getMessage() + "' lacks '" + p + "'");
        }
    }

    @Test
    void parentMustBeAnEarlierBody() {
        refused(() -> PlanarChain.base(1, 0.1).body(1, 1, 0.1, 0, 0, 0, 0), "body 1", "parent 1", "0..0");
        refused(() -> PlanarChain.base(1, 0.1).body(0, 1, 0.1, 0, 0, 0, 0).body(5, 1, 0.1, 0, 0, 0, 0),
                "body 2", "parent 5", "0..1");
        refused(() -> PlanarChain.base(1, 0.1).body(-1, 1, 0.1, 0, 0, 0, 0), "body 1", "parent -1");
    }

    @Test
    void massAndInertiaMustBePositiveAndFinite() {
        refused(() -> PlanarChain.base(0, 0.1), "body 0", "mass 0.0");
        refused(() -> PlanarChain.base(1, -0.2), "body 0", "inertia -0.2");
        refused(() -> PlanarChain.base(1, 0.1).body(0, -3, 0.1, 0, 0, 0, 0), "body 1", "mass -3.0");
        refused(() -> PlanarChain.base(1, 0.1).body(0, 2, 0, 0, 0, 0, 0), "body 1", "inertia 0.0");
        refused(() -> PlanarChain.base(Double.NaN, 0.1), "body 0", "mass NaN");
        refused(() -> PlanarChain.base(1, Double.POSITIVE_INFINITY), "body 0", "inertia Infinity");
    }

    @Test
    void geometryMustBeFinite() {
        refused(() -> PlanarChain.base(1, 0.1).body(0, 1, 0.1, Double.NaN, 0, 0, 0), "body 1", "anchor (NaN, 0.0)");
        refused(() -> PlanarChain.base(1, 0.1).body(0, 1, 0.1, 0, 0, 0, Double.NEGATIVE_INFINITY), "body 1",
                "centre of mass (0.0, -Infinity)");
    }

    @Test
    void contactSphereMustSitOnAnExistingBody() {
        refused(() -> PlanarChain.base(1, 0.1).sphere(1, 0, 0, 0, 0.1), "body 1", "0..0");
        refused(() -> PlanarChain.base(1, 0.1).body(0, 1, 0.1, 0, 0, 0, 0).box(4, 0, 0.1, 0.1), "body 4", "0..1");
        refused(() -> PlanarChain.base(1, 0.1).sphere(-1, 0, 0, 0, 0.1), "body -1");
        refused(() -> PlanarChain.base(1, 0.1).sphere(0, 0, 0, 0, -0.1), "body 0", "radius -0.1");
        refused(() -> PlanarChain.base(1, 0.1).sphere(0, -2, 0, 0, 0.1), "body 0", "geom -2");
        refused(() -> PlanarChain.base(1, 0.1).sphere(0, 0, Double.NaN, 0, 0.1), "body 0", "position (NaN, 0.0)");
    }

    @Test
    void aValidChainCountsItsDegreesOfFreedomAndGeoms() {
        PlanarChain c = PlanarChain.base(1, 0.1).body(0, 1, 0.1, 0, -0.1, 0, -0.1).box(0, 0, 0.2, 0.2)
                .capsule(1, 3, 0.05, 0.2).build();
        assertEquals(2, c.bodies());
        assertEquals(4, c.dofs());
        assertEquals(6, c.spheres());
        assertEquals(4, c.geoms());
    }
}
