package dev.ampj.actors.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code amp eval} reports about a policy: task (tracking, falls, episode length), style
 * (distance of its AMP transitions to the reference's, with the floor two halves of the reference
 * give and the distance of the run's untrained policy), joint usage against the reference, and the
 * discriminator's accuracy on fresh samples. Deterministic: the same run, iteration and options
 * give the same report.
 *
 * @param engine          the {@code amp.sim.engine} whose envs the policy was rolled out on (the
 *                        run's own, or another's with {@code amp eval --engine})
 * @param styleDistanceRetimed the pooled style distance of the reference itself, each command's
 *                        nearest clip retimed to the commanded speed ({@link RetimedReference}): what
 *                        a policy that moved exactly as the reference's gaits, at the commanded
 *                        speeds, would score; null without clip speeds
 * @param styleDistanceDerived the reference with every velocity computed from its positions
 *                        ({@link DerivedVelocityStyle}); null when the reference has no kinematic clips
 * @param styleDistanceByTerm the style distance of each AMP term alone (its columns of s and s′):
 *                        which part of the motion differs most
 * @param jointVelocityResidualPolicy RMS of (q̇ + q̇′)/2 − Δq/Δt over the policy's pairs (rad/s):
 *                        joint velocities that their positions do not explain (within-step chatter)
 * @param jointVelocityResidualReference the same over the reference's pairs
 * @param jointRangeError the largest gap, over joints, between the policy's and the reference's
 *                        minimum or maximum angle (rad); NaN without a joint_pos AMP term
 * @param jointRangeErrorGait the same once each episode's warm-up (getting up to speed from
 *                        standing, which no reference clip shows) is over, as the tracking error
 */
public record EvalReport(
        String run,
        long iteration,
        String engine,
        int envs,
        double seconds,
        double commandMin,
        double commandMax,
        double trackingError,
        double trackingErrorInstant,
        double fallsPerMinute,
        int falls,
        double episodeLength,
        double styleDistance,
        double styleDistanceFloor,
        double styleDistanceInit,
        Double styleDistanceRetimed,
        DerivedVelocityStyle styleDistanceDerived,
        Map<String, Double> styleDistanceByTerm,
        MatchedStyle styleDistanceMatched,
        double jointVelocityResidualPolicy,
        double jointVelocityResidualReference,
        double jointRangeError,
        double jointRangeErrorGait,
        List<JointRange> jointRanges,
        double dAccuracyPolicy,
        double dAccuracyReference,
        List<EnvResult> perEnv) {

    /**
     * Style where a reference gait exists: per reference clip, the policy commanded at the clip's mean
     * speed against that clip alone (its floor: the clip's halves; init: the untrained policy at that
     * command), then the mean over clips. The pooled {@code style_distance} compares every command
     * with all gaits at once, so a policy at a speed between two gaits' can never reach its floor;
     * this one can. Null without a root_lin_vel_w term (no clip speeds).
     *
     * @param cadence per clip, the stepping frequency ({@link Cadence}) of the policy at the clip's speed
     *                (after the warm-up) and of the clip; empty without a joint_pos AMP term
     */
    public record MatchedStyle(double distance, double floor, double init, Map<String, Double> byClip,
            Map<String, GaitCadence> cadence) {
        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("distance", distance);
            m.put("floor", floor);
            m.put("init", init);
            m.put("by_clip", byClip);
            Map<String, Object> hz = new LinkedHashMap<>();
            cadence.forEach((clip, c) -> {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("policy", c.policyHz());
                one.put("reference", c.referenceHz());
                hz.put(clip, one);
            });
            m.put("cadence_hz", hz);
            return m;
        }
    }

    /** Stepping frequency (Hz) of the policy at a clip's speed and of the clip itself. */
    public record GaitCadence(double policyHz, double referenceHz) {}

    /**
     * The reference's own poses with every velocity derived from them by finite differences at the
     * control rate (as motion libraries fill files without velocities), scored against the recorded
     * reference: what a motion with exactly the reference's poses, whose velocities those poses
     * explain, scores. The gap is the recording's within-step velocity dynamics (SIMBICON torque
     * feedback every physics step), which a policy would have to reproduce to come closer.
     *
     * @param reference pooled distance of the derived reference (all clips, as recorded)
     * @param retimed   the same with each command's nearest clip retimed ({@link RetimedReference});
     *                  null without clip speeds
     * @param byTerm    {@code reference}'s distance per AMP term
     */
    public record DerivedVelocityStyle(double reference, Double retimed, Map<String, Double> byTerm) {
        Map<String, Object> asMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reference", reference);
            m.put("retimed", retimed);
            m.put("by_term", byTerm);
            return m;
        }
    }

    /** A joint's range in the policy's motion (every step, and after the warm-up) and in the reference (rad). */
    public record JointRange(String joint, double policyMin, double policyMax, double policyGaitMin, double policyGaitMax,
            double referenceMin, double referenceMax) {}

    /** One env: its command, mean forward speed after warm-up, falls. */
    public record EnvResult(int env, double command, double meanSpeed, int falls) {}

    /** The report as an ordered map with the documented snake_case keys (for JSON). */
    public Map<String, Object> asMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("run", run);
        m.put("iteration", iteration);
        m.put("engine", engine);
        m.put("envs", envs);
        m.put("seconds", seconds);
        m.put("command_range", List.of(commandMin, commandMax));
        m.put("tracking_error", trackingError);
        m.put("tracking_error_instant", trackingErrorInstant);
        m.put("falls_per_min", fallsPerMinute);
        m.put("falls", falls);
        m.put("episode_length", episodeLength);
        m.put("style_distance", styleDistance);
        m.put("style_distance_floor", styleDistanceFloor);
        m.put("style_distance_init", styleDistanceInit);
        m.put("style_distance_retimed", styleDistanceRetimed);
        m.put("style_distance_derived_velocities", styleDistanceDerived == null ? null : styleDistanceDerived.asMap());
        m.put("style_distance_by_term", styleDistanceByTerm);
        m.put("style_distance_matched", styleDistanceMatched == null ? null : styleDistanceMatched.asMap());
        m.put("joint_velocity_residual", List.of(jointVelocityResidualPolicy, jointVelocityResidualReference));
        m.put("joint_range_error", jointRangeError);
        m.put("joint_range_error_gait", jointRangeErrorGait);
        m.put("joint_ranges", jointRanges.stream().map(j -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("joint", j.joint());
            r.put("policy", List.of(j.policyMin(), j.policyMax()));
            r.put("policy_gait", List.of(j.policyGaitMin(), j.policyGaitMax()));
            r.put("reference", List.of(j.referenceMin(), j.referenceMax()));
            return r;
        }).toList());
        m.put("d_accuracy_policy", dAccuracyPolicy);
        m.put("d_accuracy_reference", dAccuracyReference);
        m.put("per_env", perEnv.stream().map(e -> {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("env", e.env());
            r.put("command", e.command());
            r.put("mean_speed", e.meanSpeed());
            r.put("falls", e.falls());
            return r;
        }).toList());
        return m;
    }
}
