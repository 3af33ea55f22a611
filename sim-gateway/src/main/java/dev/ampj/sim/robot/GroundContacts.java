package dev.ampj.sim.robot;

import org.ode4j.ode.DBody;
import org.ode4j.ode.DContact;
import org.ode4j.ode.DContactBuffer;
import org.ode4j.ode.DContactGeomBuffer;
import org.ode4j.ode.DContactJoint;
import org.ode4j.ode.DGeom;
import org.ode4j.ode.DJointGroup;
import org.ode4j.ode.DPlane;
import org.ode4j.ode.DWorld;
import org.ode4j.ode.OdeConstants;
import org.ode4j.ode.OdeHelper;

/**
 * Contacts between a robot's geoms and the ground plane, generated per geom with
 * {@code OdeHelper.collide} (no space or broadphase: a robot only ever touches the ground).
 * Friction is Coulomb with coefficient {@code mu} ({@code dContactApprox1}: ODE's default would
 * read mu as an absolute force bound in newtons).
 *
 * <p>Sagittal mode (planar robots): contacts that differ only laterally are redundant, so of each
 * geom's contacts only the rearmost and foremost are kept, with friction along x only. That halves
 * the LCP rows, and the dense LCP solve is most of the step time.
 */
public final class GroundContacts {

    /** Margin above a geom's reach before it is skipped (m): larger than the contact surface layer. */
    private static final double SKIN = 0.01;

    private final DWorld world;
    private final DPlane ground;
    private final DGeom[] geoms;
    private final int maxPerGeom;
    private final DContactBuffer buffer;
    private final DContactGeomBuffer geomBuffer;
    private final double[] reach;
    private final DJointGroup group = OdeHelper.createJointGroup();
    private double mu;
    private final int[] counts;
    private final boolean sagittal;

    /**
     * @param ground     the ground plane (created with no space)
     * @param geoms      the robot's geoms, each attached to a body
     * @param maxPerGeom most contacts generated per geom and step
     * @param mu         Coulomb friction coefficient
     * @param sagittal   keep only the extreme contacts along x, friction along x only (ODE x is forward)
     * @param reach      per geom, the largest distance from its body's origin to any point of the geom:
     *                   a geom whose body is higher than that above the ground (ODE y up, plane y = 0)
     *                   cannot touch it and is not tested (the result is the same, only cheaper)
     */
    public GroundContacts(DWorld world, DPlane ground, DGeom[] geoms, int maxPerGeom, double mu, boolean sagittal,
            double[] reach) {
        this.world = world;
        this.ground = ground;
        this.geoms = geoms.clone();
        this.maxPerGeom = maxPerGeom;
        this.buffer = new DContactBuffer(maxPerGeom);
        this.geomBuffer = buffer.getGeomBuffer();
        this.reach = reach.clone();
        this.mu = mu;
        this.counts = new int[geoms.length];
        this.sagittal = sagittal;
    }

    /** Creates this step's contact joints (call before {@code world.step}). */
    public void generate() {
        for (int g = 0; g < geoms.length; g++) {
            DGeom geom = geoms[g];
            if (geom.getBody().getPosition().get1() > reach[g] + SKIN) {
                counts[g] = 0;
                continue;
            }
            int n = OdeHelper.collide(geom, ground, maxPerGeom, geomBuffer);
            counts[g] = n;
            DBody body = geom.getBody();
            if (sagittal && n > 2) {
                int lo = 0;
                int hi = 0;
                for (int i = 1; i < n; i++) {
                    double x = buffer.get(i).geom.pos.get0();
                    if (x < buffer.get(lo).geom.pos.get0()) {
                        lo = i;
                    }
                    if (x > buffer.get(hi).geom.pos.get0()) {
                        hi = i;
                    }
                }
                attach(buffer.get(lo), body);
                if (hi != lo) {
                    attach(buffer.get(hi), body);
                }
            } else {
                for (int i = 0; i < n; i++) {
                    attach(buffer.get(i), body);
                }
            }
        }
    }

    private void attach(DContact c, DBody body) {
        if (sagittal) {
            c.surface.mode = OdeConstants.dContactApprox1 | OdeConstants.dContactMu2 | OdeConstants.dContactFDir1;
            c.surface.mu2 = 0;
            c.fdir1.set(1, 0, 0);
        } else {
            c.surface.mode = OdeConstants.dContactApprox1;
        }
        c.surface.mu = mu;
        DContactJoint j = OdeHelper.createContactJoint(world, group, c);
        j.attach(body, null);
    }

    /**
     * Sets {@link #count} to the contacts of the current state without creating joints, as after
     * placing the robot anew (a reset): the counts of the last step belong to the state before it.
     */
    public void sense() {
        for (int g = 0; g < geoms.length; g++) {
            DGeom geom = geoms[g];
            counts[g] = geom.getBody().getPosition().get1() > reach[g] + SKIN ? 0
                    : OdeHelper.collide(geom, ground, maxPerGeom, geomBuffer);
        }
    }

    /** Removes this step's contact joints (call after {@code world.step}). */
    public void clear() {
        group.empty();
    }

    /** Contacts geom {@code g} had in the last {@link #generate()}. */
    public int count(int g) {
        return counts[g];
    }

    /** Most contacts one geom can report ({@link #count} is in {@code 0..maxPerGeom}). */
    public int maxPerGeom() {
        return maxPerGeom;
    }

    /** Sets the Coulomb friction coefficient of the contacts generated from now on. */
    public void setFriction(double mu) {
        this.mu = mu;
    }

    /**
     * Sets what {@link #count} reports, as a restore of a snapshot must: the counts are the last
     * collision pass's result, read by observations until the next {@link #generate()}, and no
     * body state can reproduce them (the pass ran before the last substep moved the bodies).
     */
    public void setCounts(int[] in) {
        if (in.length != counts.length) {
            throw new IllegalArgumentException("contact counts: expected " + counts.length + " geoms, got " + in.length);
        }
        for (int g = 0; g < in.length; g++) {
            if (in[g] < 0 || in[g] > maxPerGeom) {
                throw new IllegalArgumentException("contact count " + in[g] + " of geom " + g + " is outside 0.."
                        + maxPerGeom);
            }
        }
        System.arraycopy(in, 0, counts, 0, counts.length);
    }

    public void destroy() {
        group.destroy();
    }
}
