package dev.ampj.sim.reduced;

/**
 * Steps a {@link PlanarChain} on flat ground (z = 0) with semi-implicit Euler in generalized
 * coordinates, the scheme of ODE's and MuJoCo's default integrators:
 *
 * <ol>
 *   <li>M(q) q̈ = τ + g(q) − c(q, q̇): mass matrix and bias forces from the bodies' Jacobians
 *       (planar: each body's inertia is a scalar about y, so there is no gyroscopic term);
 *   <li>q̇* = q̇ + h q̈ (free velocity);
 *   <li>ground contacts of every penetrating sphere as velocity-level constraints, exactly ODE's
 *       contact joint: normal impulse ≥ 0 driving the normal velocity to ≥ erp·(depth − layer)/h,
 *       Coulomb friction |λt| ≤ μ λn along x (ODE's {@code dContactApprox1}), no restitution.
 *       The LCP lives on the few contact rows only (the Delassus matrix J M⁻¹ Jᵀ plus ODE's CFM/h)
 *       and is solved exactly ({@link ContactSolver});
 *   <li>q̇ = q̇* + M⁻¹ Jᵀ λ, q = q + h q̇.
 * </ol>
 *
 * <p>The state is (q, q̇) only: no warm start or cache carries over between steps, so restoring the
 * two arrays restores the trajectory bit for bit. Allocation-free.
 *
 * <p>Each stepper holds its own copy of the chain's masses and inertias ({@link #setMassScale}), so
 * envs sharing one immutable chain can weigh their links differently.
 */
public final class PlanarStepper {

    /** Gravity (m/s²), along −z. */
    public static final double GRAVITY = 9.81;

    private final PlanarChain c;
    private final ChainKinematics k;
    private final double erp;
    private final double layer;
    private double mu;
    /** This stepper's link masses and inertias: the chain's, times {@link #setMassScale}'s factors. */
    private final double[] mass;
    private final double[] inertia;
    private final int n;
    private final double[] q;
    private final double[] qd;
    private final double[] m;
    private final double[] f;
    private final double[] jx;
    private final double[] jz;
    private final int[] counts;
    // contact rows: row 2c is contact c's normal, 2c + 1 its friction
    private final double[] jc;
    private final double[] y;
    private final double[] wd;
    private final double[] u;
    private final double[] lambda;
    private final ContactSolver solver;
    private final double cfm;
    private int rows;

    /**
     * @param erp   error reduction of contact penetration per step (ODE's world ERP)
     * @param cfm   constraint force mixing of the contacts (ODE's world CFM): velocity per unit
     *              force, so CFM/h joins the Delassus diagonal, making it positive definite (two
     *              corners of a flat foot have identical friction rows)
     * @param layer penetration allowed without correction (m; ODE's contact surface layer)
     * @param mu    Coulomb friction coefficient
     */
    public PlanarStepper(PlanarChain chain, double erp, double cfm, double layer, double mu) {
        c = chain;
        k = new ChainKinematics(chain);
        this.erp = erp;
        this.cfm = cfm;
        this.layer = layer;
        this.mu = mu;
        mass = chain.mass.clone();
        inertia = chain.inertia.clone();
        n = chain.dofs;
        q = new double[n];
        qd = new double[n];
        m = new double[n * n];
        f = new double[n];
        jx = new double[n];
        jz = new double[n];
        counts = new int[chain.geoms];
        int maxRows = 2 * chain.spheres;
        jc = new double[maxRows * n];
        y = new double[maxRows * n];
        wd = new double[maxRows * maxRows];
        u = new double[maxRows];
        lambda = new double[maxRows];
        solver = new ContactSolver(maxRows);
        k.update(q, qd);
    }

    /** Generalized positions: base x, z, pitch, then one angle per hinge (live array). */
    public double[] q() {
        return q;
    }

    /** Generalized velocities, laid out as {@link #q()} (live array). */
    public double[] qd() {
        return qd;
    }

    /**
     * Call after writing {@link #q()} / {@link #qd()} directly: the body readouts and the next
     * {@link #step} work from the kinematics this recomputes.
     */
    public void stateChanged() {
        k.update(q, qd);
    }

    /**
     * One step of {@code h} seconds with {@code jointTorque[i - 1]} applied at the hinge of body i.
     * Returns false (state left as it was before the failing stage) if the mass matrix stopped being
     * positive definite, which only a non-finite or diverged state causes.
     */
    public boolean step(double h, double[] jointTorque) {
        // the kinematics already describe (q, q̇): kept so by the constructor, stateChanged() and the last step
        assemble(jointTorque);
        if (!DenseCholesky.factor(m, n)) {
            return false;
        }
        DenseCholesky.solve(m, n, f, 0);
        for (int a = 0; a < n; a++) {
            qd[a] += h * f[a];
        }
        contacts(h);
        if (rows > 0) {
            solver.solve(rows, wd, u, lambda, mu);
            for (int r = 0; r < rows; r++) {
                double l = lambda[r];
                if (l != 0) {
                    int o = r * n;
                    for (int a = 0; a < n; a++) {
                        qd[a] += y[o + a] * l;
                    }
                }
            }
        }
        for (int a = 0; a < n; a++) {
            q[a] += h * qd[a];
        }
        k.update(q, qd);
        return true;
    }

    /** A copy of the mass matrix M(q) of the current state (row-major, dofs × dofs); tests only. */
    double[] massMatrix() {
        k.update(q, qd);
        assemble(new double[c.bodies - 1]);
        return m.clone();
    }

    /** A copy of τ + g(q) − c(q, q̇) of the current state for {@code jointTorque}; tests only. */
    double[] generalizedForces(double[] jointTorque) {
        k.update(q, qd);
        assemble(jointTorque);
        return f.clone();
    }

    /** M into {@link #m} (full), τ + g − c into {@link #f}. */
    private void assemble(double[] jointTorque) {
        java.util.Arrays.fill(m, 0);
        java.util.Arrays.fill(f, 0);
        for (int i = 0; i < c.bodies; i++) {
            k.pointJacobian(i, k.px[i], k.pz[i], jx, 0, jz, 0);
            double mi = mass[i];
            double ii = inertia[i];
            boolean[] onPath = c.path[i];
            // J̇ q̇ of the centre of mass: each turning column's lever r = p − pivot changes at v − v_pivot
            double dvx = k.vx[i] - k.vx[0];
            double dvz = k.vz[i] - k.vz[0];
            double accX = qd[2] * dvz;
            double accZ = -qd[2] * dvx;
            for (int b = 1; b < c.bodies; b++) {
                if (onPath[b]) {
                    double wq = qd[2 + b];
                    accX += wq * (k.vz[i] - k.avz[b]);
                    accZ -= wq * (k.vx[i] - k.avx[b]);
                }
            }
            double fx = -mi * accX;
            double fz = -mi * (GRAVITY + accZ);
            for (int a = 0; a < n; a++) {
                double xa = jx[a];
                double za = jz[a];
                boolean turnsA = a == 2 || (a > 2 && onPath[a - 2]);
                if (xa == 0 && za == 0 && !turnsA) {
                    continue;
                }
                f[a] += xa * fx + za * fz;
                int ra = a * n;
                for (int b = 0; b <= a; b++) {
                    boolean turnsB = b == 2 || (b > 2 && onPath[b - 2]);
                    double v = mi * (xa * jx[b] + za * jz[b]);
                    if (turnsA && turnsB) {
                        v += ii;
                    }
                    m[ra + b] += v;
                }
            }
        }
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < a; b++) {
                m[b * n + a] = m[a * n + b];
            }
        }
        for (int i = 1; i < c.bodies; i++) {
            f[2 + i] += jointTorque[i - 1];
        }
    }

    /** Finds the penetrating spheres and builds their rows: Jacobians, M⁻¹ Jᵀ, Delassus matrix, biased velocities. */
    private void contacts(double h) {
        java.util.Arrays.fill(counts, 0);
        rows = 0;
        for (int s = 0; s < c.spheres; s++) {
            int b = c.sphereBody[s];
            double sx = c.sphereX[s];
            double sz = c.sphereZ[s];
            double r = c.sphereR[s];
            double cz = k.pz[b] - k.sin[b] * sx + k.cos[b] * sz;
            double depth = r - cz;
            if (depth < 0) {
                continue;
            }
            double cx = k.px[b] + k.cos[b] * sx + k.sin[b] * sz;
            int rn = rows;
            int rt = rows + 1;
            // rows: normal (z) then friction (x), at the sphere's lowest point
            k.pointJacobian(b, cx, cz - r, jc, rt * n, jc, rn * n);
            double bias = depth > layer ? erp * (depth - layer) / h : 0;
            u[rn] = -bias;
            u[rt] = 0;
            lambda[rn] = 0;
            lambda[rt] = 0;
            counts[c.sphereGeom[s]]++;
            rows += 2;
        }
        if (rows == 0) {
            return;
        }
        for (int r = 0; r < rows; r++) {
            int o = r * n;
            double v = 0;
            for (int a = 0; a < n; a++) {
                y[o + a] = jc[o + a];
                v += jc[o + a] * qd[a];
            }
            u[r] += v;
            DenseCholesky.solve(m, n, y, o);
        }
        for (int r = 0; r < rows; r++) {
            int or = r * n;
            for (int s = 0; s <= r; s++) {
                int os = s * n;
                double v = 0;
                for (int a = 0; a < n; a++) {
                    v += jc[or + a] * y[os + a];
                }
                if (r == s) {
                    v += cfm / h;
                }
                wd[r * rows + s] = v;
                wd[s * rows + r] = v;
            }
        }
    }

    /**
     * Sets {@link #contacts(int)} to the spheres touching the ground in the current state, as after
     * placing the chain anew (a reset): the counts of the last step belong to the state before it.
     */
    public void senseContacts() {
        java.util.Arrays.fill(counts, 0);
        for (int s = 0; s < c.spheres; s++) {
            int b = c.sphereBody[s];
            double cz = k.pz[b] - k.sin[b] * c.sphereX[s] + k.cos[b] * c.sphereZ[s];
            if (c.sphereR[s] - cz >= 0) {
                counts[c.sphereGeom[s]]++;
            }
        }
    }

    /** Contact spheres of geom {@code g} that touched the ground in the last step. */
    public int contacts(int g) {
        return counts[g];
    }

    /** Sets what {@link #contacts(int)} reports (restoring a snapshot). */
    public void setContacts(int[] in) {
        System.arraycopy(in, 0, counts, 0, counts.length);
    }

    /** Contact rows of the last step (2 per touching sphere). */
    public int lastContactRows() {
        return rows;
    }

    /** Friction-bound rounds of the last step's contact solve (0 without contact). */
    public int lastSolveRounds() {
        return rows == 0 ? 0 : solver.rounds();
    }

    /** Active-set iterations of the last step's contact solve (0 without contact). */
    public int lastSolvePivots() {
        return rows == 0 ? 0 : solver.pivots();
    }

    /** True if the last step's contact solve was exact (Lemke's), false if it fell back. */
    public boolean lastSolveExact() {
        return rows == 0 || solver.exact();
    }

    /** Sets the Coulomb friction coefficient of the next steps (domain randomization at a reset). */
    public void setFriction(double mu) {
        this.mu = mu;
    }

    /**
     * Scales body i's mass and inertia by {@code scale[i]} (a uniformly denser or lighter link, centre
     * of mass unchanged) for the next steps; relative to the chain's, so scales do not compound. A
     * factor of 1 gives the chain's values exactly. Not part of the state (q, q̇).
     */
    public void setMassScale(double[] scale) {
        if (scale.length != c.bodies) {
            throw new IllegalArgumentException("mass scale: expected " + c.bodies + " factors, got " + scale.length);
        }
        for (int i = 0; i < c.bodies; i++) {
            double f = scale[i];
            if (!(f > 0) || !Double.isFinite(f)) {
                throw new IllegalArgumentException("mass scale of body " + i + ": " + f + " must be positive and finite");
            }
            mass[i] = c.mass[i] * f;
            inertia[i] = c.inertia[i] * f;
        }
    }

    /** Mass of body {@code i} in the next steps (kg). */
    public double mass(int i) {
        return mass[i];
    }

    /** Inertia of body {@code i} about y in the next steps (kg m²). */
    public double inertia(int i) {
        return inertia[i];
    }

    /** False if the last step's contact solve stopped with friction bounds still moving. */
    public boolean lastSolveConverged() {
        return rows == 0 || solver.converged();
    }

    /** Body readouts of the current state (after {@link #step} or {@link #stateChanged()}). */
    public double bodyX(int i) {
        return k.px[i];
    }

    public double bodyZ(int i) {
        return k.pz[i];
    }

    public double bodyCos(int i) {
        return k.cos[i];
    }

    public double bodySin(int i) {
        return k.sin[i];
    }

    public double bodyVx(int i) {
        return k.vx[i];
    }

    public double bodyVz(int i) {
        return k.vz[i];
    }

    public double bodyW(int i) {
        return k.w[i];
    }

    /** Total kinetic plus potential energy (J) of the current state. */
    public double energy() {
        double e = 0;
        for (int i = 0; i < c.bodies; i++) {
            e += 0.5 * mass[i] * (k.vx[i] * k.vx[i] + k.vz[i] * k.vz[i]) + 0.5 * inertia[i] * k.w[i] * k.w[i]
                    + mass[i] * GRAVITY * k.pz[i];
        }
        return e;
    }
}
