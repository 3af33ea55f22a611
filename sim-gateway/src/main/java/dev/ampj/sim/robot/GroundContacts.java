package dev.ampj.sim.robot;

import org.ode4j.ode.DBody;
import org.ode4j.ode.DContact;
import org.ode4j.ode.DContactBuffer;
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
 */
public final class GroundContacts {

    private final DWorld world;
    private final DPlane ground;
    private final DGeom[] geoms;
    private final int maxPerGeom;
    private final DContactBuffer buffer;
    private final DJointGroup group = OdeHelper.createJointGroup();
    private final double mu;
    private final int[] counts;

    /**
     * @param ground     the ground plane (created with no space)
     * @param geoms      the robot's geoms, each attached to a body
     * @param maxPerGeom most contacts generated per geom and step
     * @param mu         Coulomb friction coefficient
     */
    public GroundContacts(DWorld world, DPlane ground, DGeom[] geoms, int maxPerGeom, double mu) {
        this.world = world;
        this.ground = ground;
        this.geoms = geoms.clone();
        this.maxPerGeom = maxPerGeom;
        this.buffer = new DContactBuffer(maxPerGeom);
        this.mu = mu;
        this.counts = new int[geoms.length];
    }

    /** Creates this step's contact joints (call before {@code world.step}). */
    public void generate() {
        for (int g = 0; g < geoms.length; g++) {
            DGeom geom = geoms[g];
            int n = OdeHelper.collide(geom, ground, maxPerGeom, buffer.getGeomBuffer());
            counts[g] = n;
            DBody body = geom.getBody();
            for (int i = 0; i < n; i++) {
                DContact c = buffer.get(i);
                c.surface.mode = OdeConstants.dContactApprox1;
                c.surface.mu = mu;
                DContactJoint j = OdeHelper.createContactJoint(world, group, c);
                j.attach(body, null);
            }
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

    public void destroy() {
        group.destroy();
    }
}
