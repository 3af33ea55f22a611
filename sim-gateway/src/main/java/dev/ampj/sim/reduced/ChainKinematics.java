package dev.ampj.sim.reduced;

/**
 * Positions and velocities of every body of a {@link PlanarChain} for a state (q, q̇), and the
 * Jacobians of points on them. Allocation-free; one instance per chain instance.
 */
final class ChainKinematics {

    private final PlanarChain c;
    /** Per body: pitch cos/sin, centre of mass, joint anchor (world), angular velocity, COM and anchor velocity. */
    final double[] cos;
    final double[] sin;
    final double[] px;
    final double[] pz;
    final double[] ax;
    final double[] az;
    final double[] w;
    final double[] vx;
    final double[] vz;
    final double[] avx;
    final double[] avz;

    ChainKinematics(PlanarChain chain) {
        c = chain;
        int n = chain.bodies;
        cos = new double[n];
        sin = new double[n];
        px = new double[n];
        pz = new double[n];
        ax = new double[n];
        az = new double[n];
        w = new double[n];
        vx = new double[n];
        vz = new double[n];
        avx = new double[n];
        avz = new double[n];
    }

    /** Fills every body's pose and velocity from {@code q}, {@code qd}. */
    void update(double[] q, double[] qd) {
        double phi0 = q[2];
        cos[0] = StrictMath.cos(phi0);
        sin[0] = StrictMath.sin(phi0);
        px[0] = q[0];
        pz[0] = q[1];
        ax[0] = q[0];
        az[0] = q[1];
        w[0] = qd[2];
        vx[0] = qd[0];
        vz[0] = qd[1];
        avx[0] = qd[0];
        avz[0] = qd[1];
        for (int i = 1; i < c.bodies; i++) {
            int p = c.parent[i];
            double cp = cos[p];
            double sp = sin[p];
            // anchor: parent's centre of mass + R(φp) anchor
            double rx = cp * c.anchorX[i] + sp * c.anchorZ[i];
            double rz = -sp * c.anchorX[i] + cp * c.anchorZ[i];
            ax[i] = px[p] + rx;
            az[i] = pz[p] + rz;
            avx[i] = vx[p] + w[p] * rz;
            avz[i] = vz[p] - w[p] * rx;
            // own pitch = parent's + joint angle; sin/cos by the angle-sum rule keeps it one StrictMath pair per joint
            double cq = StrictMath.cos(q[2 + i]);
            double sq = StrictMath.sin(q[2 + i]);
            double ci = cp * cq - sp * sq;
            double si = sp * cq + cp * sq;
            cos[i] = ci;
            sin[i] = si;
            double ox = ci * c.comX[i] + si * c.comZ[i];
            double oz = -si * c.comX[i] + ci * c.comZ[i];
            px[i] = ax[i] + ox;
            pz[i] = az[i] + oz;
            w[i] = w[p] + qd[2 + i];
            vx[i] = avx[i] + w[i] * oz;
            vz[i] = avz[i] - w[i] * ox;
        }
    }

    /**
     * Jacobian of the world point ({@code x}, {@code z}) rigidly attached to body {@code b}: its
     * velocity is (jx · q̇, jz · q̇). Writes all {@code dofs} entries of both rows from {@code o}.
     */
    void pointJacobian(int b, double x, double z, double[] jx, int ox, double[] jz, int oz) {
        int n = c.dofs;
        java.util.Arrays.fill(jx, ox, ox + n, 0);
        java.util.Arrays.fill(jz, oz, oz + n, 0);
        jx[ox] = 1;
        jz[oz + 1] = 1;
        // turning about the base's centre of mass: ŷ × r = (r_z, −r_x)
        jx[ox + 2] = z - pz[0];
        jz[oz + 2] = -(x - px[0]);
        boolean[] onPath = c.path[b];
        for (int k = 1; k < c.bodies; k++) {
            if (onPath[k]) {
                jx[ox + 2 + k] = z - az[k];
                jz[oz + 2 + k] = -(x - ax[k]);
            }
        }
    }
}
