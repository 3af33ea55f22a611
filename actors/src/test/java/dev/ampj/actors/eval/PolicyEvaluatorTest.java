package dev.ampj.actors.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import dev.ampj.actors.api.DefaultComponents;
import dev.ampj.actors.api.Trainer;
import dev.ampj.actors.env.ReferencePairs;
import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.testenv.TestRuns;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.sim.env.VecEnvSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code amp eval}'s scoring on a tiny run of the built-in ostrich on its bundled reference gaits. */
class PolicyEvaluatorTest {

    @TempDir
    static Path runs;

    static Config config;
    static byte[] learnerState;

    @BeforeAll
    static void trainTinyRun() {
        Trainer trainer = new Trainer(new DefaultComponents(), new RunStore(StorageSettings.defaults(runs)));
        config = TestRuns.config("amp.actors.training { num-envs = 4, horizon = 8, shards = 1, iterations = 2 }");
        RunOutcome o = trainer.train(config, "tiny", new Trainer.Options(null, null, new TestRuns.Recorder())).await();
        assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
        learnerState = trainer.stateAt("tiny", 2).learnerState();
    }

    private static EvalReport evaluate() {
        return new PolicyEvaluator(new DefaultComponents()).evaluate("tiny", 2, config, 1, learnerState,
                new EvalOptions(4, 2.0, null, null, 1, 0.5));
    }

    @Test
    void aConditionedRunScoredOnEnvsWithoutTheConditionGetsItFromEachEnvsCommand() {
        // the run's own engine, its AMP rows without the condition: the platform's columns must be the env's exactly
        Config scoring = EngineSwitch.scoringConfig(config, config.getString("amp.sim.engine"));
        EvalReport r = new PolicyEvaluator(new DefaultComponents()).evaluate("tiny", 2, config, scoring, 1, learnerState,
                new EvalOptions(4, 2.0, null, null, 1, 0.5));
        assertEquals(evaluate().asMap(), r.asMap());
    }

    @Test
    void anotherPolicyObservationIsRefusedNamingIt() {
        Config scoring = EngineSwitch.scoringConfig(config, "ode4j")
                .withValue("amp.sim.observations.policy.history-length", com.typesafe.config.ConfigValueFactory.fromAnyRef(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PolicyEvaluator(new DefaultComponents())
                .evaluate("tiny", 2, config, scoring, 1, learnerState, new EvalOptions(4, 2.0, null, null, 1, 0.5)));
        assertTrue(e.getMessage().startsWith("cannot score on engine ode4j") && e.getMessage().contains("the policy observation differs"),
                e.getMessage());
    }

    @Test
    void theSameRunAndOptionsGiveExactlyTheSameReport() {
        EvalReport a = evaluate();
        EvalReport b = evaluate();
        assertEquals(a.asMap(), b.asMap());
        assertEquals(4, a.perEnv().size());
        assertEquals(6, a.jointRanges().size());
        assertEquals("left_hip", a.jointRanges().get(0).joint());
    }

    @Test
    void theGaitsJointRangesLeaveOutTheWarmUpAndSitInsideTheWholeRanges() {
        EvalReport r = evaluate(); // 2 s per env, 0.5 s warm-up
        boolean narrower = false;
        for (EvalReport.JointRange j : r.jointRanges()) {
            assertTrue(j.policyMin() <= j.policyGaitMin() && j.policyGaitMax() <= j.policyMax(), j.toString());
            narrower |= j.policyMin() < j.policyGaitMin() || j.policyGaitMax() < j.policyMax();
        }
        assertTrue(narrower, "getting up from the default pose reaches angles the rest of the episode does not: " + r.jointRanges());
        EvalReport whole = new PolicyEvaluator(new DefaultComponents()).evaluate("tiny", 2, config, 1, learnerState,
                new EvalOptions(4, 2.0, null, null, 1, 0.0));
        assertEquals(whole.jointRangeError(), whole.jointRangeErrorGait(), "no warm-up: the same ranges");
        for (EvalReport.JointRange j : whole.jointRanges()) {
            assertEquals(j.policyMin(), j.policyGaitMin());
            assertEquals(j.policyMax(), j.policyGaitMax());
        }
        EvalReport none = new PolicyEvaluator(new DefaultComponents()).evaluate("tiny", 2, config, 1, learnerState,
                new EvalOptions(4, 0.4, null, null, 1, 0.5));
        assertTrue(Double.isNaN(none.jointRangeErrorGait()), "nothing after the warm-up: no gait range");
    }

    @Test
    void commandsSpanTheReferenceGaitsSpeeds() {
        EvalReport r = evaluate();
        // The bundled gaits walk at about 0.5 and 0.96 m/s.
        assertEquals(0.5, r.commandMin(), 0.1);
        assertEquals(0.95, r.commandMax(), 0.1);
        assertEquals(r.commandMin(), r.perEnv().get(0).command(), 1e-12);
        assertEquals(r.commandMax(), r.perEnv().get(3).command(), 1e-12);
    }

    @Test
    void aBarelyTrainedPolicyIsFarFromTheReferenceWhoseHalvesAreClose() {
        EvalReport r = evaluate();
        assertTrue(r.styleDistanceFloor() < 1.0, "two halves of the reference: " + r.styleDistanceFloor());
        assertTrue(r.styleDistance() > 20 * r.styleDistanceFloor(), r.styleDistance() + " vs floor " + r.styleDistanceFloor());
        assertTrue(r.styleDistanceInit() > 20 * r.styleDistanceFloor(), r.styleDistanceInit() + " vs floor " + r.styleDistanceFloor());
        assertTrue(r.jointRangeError() > 0.1, "an untrained policy does not use the joints as the gaits do");
        assertTrue(r.trackingError() > 0.2, "after 2 iterations it cannot walk: " + r.trackingError());
        EvalReport.MatchedStyle m = r.styleDistanceMatched();
        assertEquals(2, m.byClip().size(), "one entry per bundled gait: " + m.byClip());
        assertTrue(m.floor() < 1.0, "each clip's halves: " + m.floor());
        assertTrue(m.distance() > 20 * m.floor() && m.init() > 20 * m.floor(), m.toString());
        assertEquals(m.distance(), m.byClip().values().stream().mapToDouble(Double::doubleValue).average().orElseThrow(), 1e-9);
        // The bundled gaits step at 1.40 (walk) and 1.70 Hz (march); each is measured from its own clip.
        assertEquals(m.byClip().keySet(), m.cadence().keySet());
        assertEquals(1.40, m.cadence().get("classpath:motions/ostrich_walk.npz").referenceHz(), 0.05, m.cadence().toString());
        assertEquals(1.70, m.cadence().get("classpath:motions/ostrich_march.npz").referenceHz(), 0.05, m.cadence().toString());
        // The reference retimed to the commands: above its halves' floor (4 commands, 2 of them between
        // the gaits' speeds), far below any policy that has not learnt the gaits.
        double retimed = r.styleDistanceRetimed();
        assertTrue(retimed > r.styleDistanceFloor() && retimed < r.styleDistance() / 10, retimed + " vs " + r.styleDistance());
    }

    @Test
    void theReferenceWithVelocitiesFromItsPosesDiffersFromTheRecordingInItsVelocitiesOnly() {
        // scored against the recording's own velocities (the default derives them from the poses)
        Config recorded = config.withValue("amp.motion.velocities", com.typesafe.config.ConfigValueFactory.fromAnyRef("file"));
        EvalReport r = new PolicyEvaluator(new DefaultComponents()).evaluate("tiny", 2, recorded, 1, learnerState,
                new EvalOptions(4, 2.0, null, null, 1, 0.5));
        EvalReport.DerivedVelocityStyle d = r.styleDistanceDerived();
        for (String pose : java.util.List.of("root_height", "projected_gravity", "joint_pos")) {
            assertEquals(0, d.byTerm().get(pose), 1e-9, pose + " is the recording's own: " + d.byTerm());
        }
        // The bundled gaits' joint velocities carry within-step chatter (torque feedback at every physics
        // step) that positions one control step apart do not explain.
        assertTrue(d.byTerm().get("joint_vel") > 10 * r.styleDistanceFloor(), d + " vs floor " + r.styleDistanceFloor());
        assertTrue(d.reference() > 10 * r.styleDistanceFloor() && d.reference() < r.styleDistance() / 10,
                d + " vs floor " + r.styleDistanceFloor() + " and the policy " + r.styleDistance());
        assertTrue(d.retimed() > r.styleDistanceRetimed(), "retiming adds the command range's cost: " + d + " vs " + r.styleDistanceRetimed());
        // a reference whose velocities already come from its poses is its own derivation
        assertEquals("positions", config.getString("amp.motion.velocities"));
        assertEquals(0, evaluate().styleDistanceDerived().reference(), 1e-9);
    }

    @Test
    void aGaitConditionedRunIsMeasuredOnItsMotionAlone() {
        Config unconditioned = config.withValue("amp.sim.observations.amp-gait-condition",
                com.typesafe.config.ConfigValueFactory.fromAnyRef(false));
        Trainer trainer = new Trainer(new DefaultComponents(), new RunStore(StorageSettings.defaults(runs)));
        RunOutcome o = trainer.train(unconditioned, "tiny-plain", new Trainer.Options(null, null, new TestRuns.Recorder())).await();
        assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
        EvalReport plain = new PolicyEvaluator(new DefaultComponents()).evaluate("tiny-plain", 2, unconditioned, 1,
                trainer.stateAt("tiny-plain", 2).learnerState(), new EvalOptions(4, 2.0, null, null, 1, 0.5));
        EvalReport r = evaluate(); // the defaults: conditioned on the gait
        VecEnvSpec conditioned = new DefaultComponents().envs(config).spec();
        assertEquals(new DefaultComponents().envs(unconditioned).spec().ampDim() + 2, conditioned.ampDim(), "one column per bundled gait");
        assertEquals(plain.styleDistanceByTerm().keySet(), r.styleDistanceByTerm().keySet(), "the condition is not a motion term");
        assertEquals(plain.styleDistanceFloor(), r.styleDistanceFloor(), 0.0, "the reference's halves compare the same columns");
        assertEquals(plain.styleDistanceMatched().floor(), r.styleDistanceMatched().floor(), 0.0);
        assertEquals(plain.styleDistanceRetimed(), r.styleDistanceRetimed(), 0.0, "the retimed reference too");
        assertEquals(plain.styleDistanceDerived(), r.styleDistanceDerived(), "and the reference with derived velocities");
        assertEquals(plain.commandMin(), r.commandMin(), 0.0);
    }

    @Test
    void aRunWithAnAmpHistoryIsMeasuredOnItsNewestFrames() {
        Config windowed = config.withValue("amp.sim.observations.amp-history-length", com.typesafe.config.ConfigValueFactory.fromAnyRef(3));
        Trainer trainer = new Trainer(new DefaultComponents(), new RunStore(StorageSettings.defaults(runs)));
        RunOutcome o = trainer.train(windowed, "tiny-window", new Trainer.Options(null, null, new TestRuns.Recorder())).await();
        assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message());
        EvalReport w = new PolicyEvaluator(new DefaultComponents()).evaluate("tiny-window", 2, windowed, 1,
                trainer.stateAt("tiny-window", 2).learnerState(), new EvalOptions(4, 2.0, null, null, 1, 0.5));
        EvalReport r = evaluate();
        VecEnvSpec spec = new DefaultComponents().envs(windowed).spec();
        Config oneFrame = config.withValue("amp.sim.observations.amp-history-length", com.typesafe.config.ConfigValueFactory.fromAnyRef(1));
        assertEquals(3 * (new DefaultComponents().envs(oneFrame).spec().ampDim() - 2) + 2, spec.ampDim(), "three frames and the condition");
        assertEquals(r.styleDistanceByTerm().keySet(), w.styleDistanceByTerm().keySet(), "the older frames are not a motion term");
        assertEquals(r.styleDistanceFloor(), w.styleDistanceFloor(), 0.01, "the reference's halves, a frame longer per clip");
        for (String clip : r.styleDistanceMatched().cadence().keySet()) {
            assertEquals(r.styleDistanceMatched().cadence().get(clip).referenceHz(),
                    w.styleDistanceMatched().cadence().get(clip).referenceHz(), 0.02, clip);
        }
        assertEquals(r.jointRanges().get(3).referenceMax(), w.jointRanges().get(3).referenceMax(), 0.0, "the newest frames' ranges");
        assertTrue(w.dAccuracyReference() >= 0 && w.dAccuracyReference() <= 1, "the discriminator scored the windows");

        // scored through another engine's single-frame rows (here the run's own engine, so the windows the
        // platform stacks must be the env's exactly): the same report, discriminator accuracy included
        Config scoring = EngineSwitch.scoringConfig(windowed, windowed.getString("amp.sim.engine"));
        assertEquals(1, scoring.getInt("amp.sim.observations.amp-history-length"), "the scoring engine writes single frames");
        EvalReport switched = new PolicyEvaluator(new DefaultComponents()).evaluate("tiny-window", 2, windowed, scoring, 1,
                trainer.stateAt("tiny-window", 2).learnerState(), new EvalOptions(4, 2.0, null, null, 1, 0.5));
        assertEquals(w.asMap(), switched.asMap());
    }

    @Test
    void anAmpHistoryWithAnExternalSimulatorIsRefusedNamingTheKey() {
        Config external = config.withValue("amp.sim.engine", com.typesafe.config.ConfigValueFactory.fromAnyRef("external"))
                .withValue("amp.sim.observations.amp-gait-condition", com.typesafe.config.ConfigValueFactory.fromAnyRef(false))
                .withValue("amp.sim.observations.amp-history-length", com.typesafe.config.ConfigValueFactory.fromAnyRef(2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DefaultComponents().envs(external));
        assertTrue(e.getMessage().startsWith("amp.sim.observations.amp-history-length = 2") && e.getMessage().contains("external"),
                e.getMessage());
    }

    @Test
    void theReferenceAgainstItselfIsAtZero() {
        ReferencePairs ref = new DefaultComponents().reference(config, new DefaultComponents().envs(config).spec(), 1);
        float[] all = ref.features();
        assertEquals(0, new StyleDistance(all, ref.pairs(), 2 * ref.dim()).between(all, ref.pairs(), all, ref.pairs()), 1e-6);
    }

    @Test
    void velocityResidualIsZeroForConsistentPairsAndMeasuresChatter() {
        dev.ampj.sim.env.VecEnvSpec spec = new DefaultComponents().envs(config).spec();
        int d = spec.ampDim();
        int q = spec.amp().find("joint_pos").offset();
        int v = spec.amp().find("joint_vel").offset();
        int pairs = 10;
        float[] f = new float[pairs * 2 * d];
        for (int p = 0; p < pairs; p++) {
            for (int j = 0; j < 6; j++) {
                float vel = 0.5f * (j + 1);
                f[p * 2 * d + q + j] = 0.1f * p;
                f[p * 2 * d + d + q + j] = (float) (0.1f * p + vel * spec.controlDt());
                f[p * 2 * d + v + j] = vel;
                f[p * 2 * d + d + v + j] = vel;
            }
        }
        assertEquals(0, PolicyEvaluator.velocityResidual(f, pairs, spec), 1e-4);
        for (int p = 0; p < pairs; p++) {
            for (int j = 0; j < 6; j++) {
                f[p * 2 * d + v + j] += (p % 2 == 0 ? 2f : -2f); // chatter: the velocity of s alternates by +-2 rad/s
            }
        }
        assertEquals(1.0, PolicyEvaluator.velocityResidual(f, pairs, spec), 1e-3);
    }

    @Test
    void badOptionsAreRefusedNamingTheOption() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EvalOptions(1, 2, null, null, 1, 0));
        assertTrue(e.getMessage().contains("--envs"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new EvalOptions(4, 2, 1.0, 0.5, 1, 0));
        assertTrue(e.getMessage().contains("min <= max"), e.getMessage());
    }
}
