package dev.ampj.sim.reduced;

import java.util.ArrayList;
import java.util.List;

/**
 * The immutable model of a planar kinematic tree: per body its parent, mass, inertia about y,
 * joint anchor and centre of mass; and the spheres (a corner is a sphere of radius 0) that can touch
 * the ground, each tagged with the geom it belongs to. Body 0 is the floating base (degrees of
 * freedom 0..2: x, z, pitch of its centre of mass); body i > 0 hangs from a hinge, degree of
 * freedom {@code 2 + i}. Parents come before children.
 */
public final class PlanarChain {

    final int bodies;
    final int dofs;
    final int[] parent;
    final double[] mass;
    final double[] inertia;
    /** Joint anchor of body i in its parent's frame, relative to the parent's centre of mass. */
    final double[] anchorX;
    final double[] anchorZ;
    /** Centre of mass of body i relative to its joint anchor, in body i's frame. */
    final double[] comX;
    final double[] comZ;
    /** For body i, {@code path[i][k]}: body k is i or an ancestor of i (its joint moves i). */
    final boolean[][] path;
    final int spheres;
    final int[] sphereBody;
    final int[] sphereGeom;
    final double[] sphereX;
    final double[] sphereZ;
    final double[] sphereR;
    final int geoms;

    private PlanarChain(Builder b) {
        bodies = b.parent.size();
        if (bodies == 0) {
            throw new IllegalArgumentException("a planar chain needs a base body");
        }
        dofs = bodies + 2;
        parent = ints(b.parent);
        mass = doubles(b.mass);
        inertia = doubles(b.inertia);
        anchorX = doubles(b.anchorX);
        anchorZ = doubles(b.anchorZ);
        comX = doubles(b.comX);
        comZ = doubles(b.comZ);
        path = new boolean[bodies][bodies];
        for (int i = 0; i < bodies; i++) {
            for (int k = i; k >= 0; k = parent[k]) {
                path[i][k] = true;
            }
        }
        spheres = b.sphereBody.size();
        sphereBody = ints(b.sphereBody);
        sphereGeom = ints(b.sphereGeom);
        sphereX = doubles(b.sphereX);
        sphereZ = doubles(b.sphereZ);
        sphereR = doubles(b.sphereR);
        int g = 0;
        for (int s : sphereGeom) {
            g = Math.max(g, s + 1);
        }
        geoms = g;
    }

    /** Bodies in the tree. */
    public int bodies() {
        return bodies;
    }

    /** Degrees of freedom: 3 for the base plus one per hinge. */
    public int dofs() {
        return dofs;
    }

    /** Contact spheres. */
    public int spheres() {
        return spheres;
    }

    /** Geoms the spheres are grouped in (contacts are counted per geom). */
    public int geoms() {
        return geoms;
    }

    /** Mass of body {@code i} (kg). */
    public double mass(int i) {
        return mass[i];
    }

    /** Inertia of body {@code i} about the y axis through its centre of mass (kg m²). */
    public double inertia(int i) {
        return inertia[i];
    }

    /** Starts a chain whose base has mass {@code mass} and inertia {@code inertia} about y. */
    public static Builder base(double mass, double inertia) {
        return new Builder().body(-1, mass, inertia, 0, 0, 0, 0);
    }

    /** Collects bodies and contact spheres in order. */
    public static final class Builder {
        private final List<Integer> parent = new ArrayList<>();
        private final List<Double> mass = new ArrayList<>();
        private final List<Double> inertia = new ArrayList<>();
        private final List<Double> anchorX = new ArrayList<>();
        private final List<Double> anchorZ = new ArrayList<>();
        private final List<Double> comX = new ArrayList<>();
        private final List<Double> comZ = new ArrayList<>();
        private final List<Integer> sphereBody = new ArrayList<>();
        private final List<Integer> sphereGeom = new ArrayList<>();
        private final List<Double> sphereX = new ArrayList<>();
        private final List<Double> sphereZ = new ArrayList<>();
        private final List<Double> sphereR = new ArrayList<>();

        private Builder() {}

        /**
         * Adds a body on a hinge: anchor ({@code ax}, {@code az}) in the parent's frame relative to
         * the parent's centre of mass; centre of mass ({@code cx}, {@code cz}) from the anchor in the
         * body's own frame. Returns the builder; the body's index is the number of bodies before it.
         */
        public Builder body(int parentIndex, double m, double inertiaY, double ax, double az, double cx, double cz) {
            int index = parent.size();
            if (index > 0 && (parentIndex < 0 || parentIndex >= index)) {
                throw new IllegalArgumentException("body " + index + ": parent " + parentIndex
                        + " must be an earlier body (0.." + (index - 1) + ")");
            }
            if (!(m > 0) || !(inertiaY > 0) || !Double.isFinite(m) || !Double.isFinite(inertiaY)) {
                throw new IllegalArgumentException("body " + index + ": mass " + m + " and inertia " + inertiaY
                        + " must be positive and finite");
            }
            if (!Double.isFinite(ax) || !Double.isFinite(az) || !Double.isFinite(cx) || !Double.isFinite(cz)) {
                throw new IllegalArgumentException("body " + index + ": anchor (" + ax + ", " + az + ") and centre of mass ("
                        + cx + ", " + cz + ") must be finite");
            }
            parent.add(index == 0 ? -1 : parentIndex);
            mass.add(m);
            inertia.add(inertiaY);
            anchorX.add(ax);
            anchorZ.add(az);
            comX.add(cx);
            comZ.add(cz);
            return this;
        }

        /** Adds a contact sphere of radius {@code r} at ({@code x}, {@code z}) in body {@code b}'s frame (from its centre of mass). */
        public Builder sphere(int b, int geom, double x, double z, double r) {
            if (b < 0 || b >= parent.size()) {
                throw new IllegalArgumentException("contact sphere on body " + b + ": no such body (0.."
                        + (parent.size() - 1) + ")");
            }
            if (geom < 0 || !(r >= 0) || !Double.isFinite(r) || !Double.isFinite(x) || !Double.isFinite(z)) {
                throw new IllegalArgumentException("contact sphere on body " + b + ": geom " + geom + ", position (" + x
                        + ", " + z + "), radius " + r + ": expected a geom ≥ 0, a finite position and a finite radius ≥ 0");
            }
            sphereBody.add(b);
            sphereGeom.add(geom);
            sphereX.add(x);
            sphereZ.add(z);
            sphereR.add(r);
            return this;
        }

        /** The four corners of a box of size {@code sx} × {@code sz} centred on body {@code b}'s centre of mass. */
        public Builder box(int b, int geom, double sx, double sz) {
            for (int c = 0; c < 4; c++) {
                sphere(b, geom, ((c & 1) == 0 ? -0.5 : 0.5) * sx, ((c & 2) == 0 ? -0.5 : 0.5) * sz, 0);
            }
            return this;
        }

        /** The two end spheres of a capsule along body {@code b}'s z axis, centred on its centre of mass. */
        public Builder capsule(int b, int geom, double radius, double cylinderLength) {
            sphere(b, geom, 0, -cylinderLength / 2, radius);
            sphere(b, geom, 0, cylinderLength / 2, radius);
            return this;
        }

        public PlanarChain build() {
            return new PlanarChain(this);
        }
    }

    private static int[] ints(List<Integer> v) {
        return v.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double[] doubles(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).toArray();
    }
}
