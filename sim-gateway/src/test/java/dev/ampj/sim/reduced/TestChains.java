package dev.ampj.sim.reduced;

/** Small purpose-built chains and whole-body readouts (momentum, centre of mass) for the engine tests. */
final class TestChains {

    private TestChains() {}

    /** A single box (base only) of {@code sx} × {@code sz} with its four corners as contact points. */
    static PlanarChain box(double mass, double sx, double sz) {
        return PlanarChain.base(mass, mass / 12 * (sx * sx + sz * sz)).box(0, 0, sx, sz).build();
    }

    /**
     * A branching tree of six bodies with anchors and centres of mass off every axis, so that no
     * term of M or of the bias forces vanishes by symmetry: base, two two-link "legs" and a "head".
     * No contact points (free flight only).
     */
    static PlanarChain tree() {
        return PlanarChain.base(5.0, 0.2)
                .body(0, 2.0, 0.05, 0.10, -0.20, 0.02, -0.15)
                .body(1, 1.5, 0.03, -0.01, -0.16, 0.00, -0.18)
                .body(0, 1.8, 0.04, -0.12, -0.18, -0.03, -0.14)
                .body(3, 0.7, 0.01, 0.02, -0.15, 0.08, -0.03)
                .body(0, 0.5, 0.005, 0.10, 0.20, 0.05, 0.10)
                .build();
    }

    static double totalMass(PlanarChain c) {
        double m = 0;
        for (int i = 0; i < c.bodies(); i++) {
            m += c.mass(i);
        }
        return m;
    }

    /** Linear momentum (x, z), centre of mass (x, z) and angular momentum about it (y) of the current state. */
    static double[] wholeBody(PlanarChain c, PlanarStepper s) {
        double mt = totalMass(c);
        double px = 0;
        double pz = 0;
        double cx = 0;
        double cz = 0;
        for (int i = 0; i < c.bodies(); i++) {
            double m = c.mass(i);
            px += m * s.bodyVx(i);
            pz += m * s.bodyVz(i);
            cx += m * s.bodyX(i);
            cz += m * s.bodyZ(i);
        }
        cx /= mt;
        cz /= mt;
        double l = 0;
        for (int i = 0; i < c.bodies(); i++) {
            // (r × v)_y = r_z v_x − r_x v_z, with ω about +y
            l += c.inertia(i) * s.bodyW(i)
                    + c.mass(i) * ((s.bodyZ(i) - cz) * s.bodyVx(i) - (s.bodyX(i) - cx) * s.bodyVz(i));
        }
        return new double[] {px, pz, cx, cz, l};
    }
}
