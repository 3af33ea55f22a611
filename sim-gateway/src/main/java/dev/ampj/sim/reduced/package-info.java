/**
 * A rigid-body engine in generalized (reduced) coordinates for planar kinematic trees: a floating
 * base that moves in the sagittal x-z plane (x, z, pitch) and one hinge per further body, all turning
 * about +y. Joint constraints hold exactly by construction, so the only constraint problem left is
 * ground contact (a few rows, not ode4j's 40); see {@link dev.ampj.sim.reduced.PlanarStepper}.
 *
 * <p>Conventions (the project's world frame, x forward, z up): a body at pitch φ maps a local point
 * (x, z) to (x cos φ + z sin φ, −x sin φ + z cos φ), i.e. it is turned by φ about +y; a child's pitch is
 * its parent's plus its joint angle. Every computation is plain double arithmetic in a fixed order
 * with {@link java.lang.StrictMath} for sin/cos, so a step is a pure function of the state.
 */
package dev.ampj.sim.reduced;
