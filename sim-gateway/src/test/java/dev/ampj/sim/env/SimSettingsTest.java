package dev.ampj.sim.env;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

class SimSettingsTest {

    private static Config with(String hocon) {
        return ConfigFactory.parseString(hocon).withFallback(ConfigFactory.defaultReference()).resolve();
    }

    @Test
    void defaultsMatchReferenceConf() {
        SimSettings s = SimSettings.defaults();
        assertEquals("ostrich", s.robot());
        assertTrue(s.planar());
        assertEquals(0.02, s.controlDt(), 1e-15);
        assertEquals(1000, s.maxEpisodeSteps());
        assertEquals(List.of("ostrich22"), s.observations().ampTerms());
        assertEquals(List.of(300.0, 300.0, 300.0), s.pd().kp());
    }

    @Test
    void unknownKeysAreRejectedWithTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimSettings.fromConfig(with("amp.sim.decimaton = 2")));
        assertTrue(e.getMessage().contains("amp.sim.decimaton") && e.getMessage().contains("decimation"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SimSettings.fromConfig(with("amp.sim.rewards.alivee = 2")));
        assertTrue(e.getMessage().contains("amp.sim.rewards.alivee") && e.getMessage().contains("track-lin-vel-x"),
                e.getMessage());
    }

    @Test
    void badValuesNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SimSettings.fromConfig(with("amp.sim.pd.kp = [1, 2]")));
        assertTrue(e.getMessage().contains("amp.sim.pd.kp"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimSettings.fromConfig(with("amp.sim.dt = -1")));
        assertTrue(e.getMessage().contains("amp.sim.dt"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SimSettings.fromConfig(with("amp.sim.robot = humanoid")));
        assertTrue(e.getMessage().contains("ostrich"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SimSettings.fromConfig(with("amp.sim.rewards.soft-joint-pos-limit-factor = 1.5")));
        assertTrue(e.getMessage().contains("amp.sim.rewards.soft-joint-pos-limit-factor = 1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SimSettings.fromConfig(with("amp.sim.rewards.joint-pos-limits-joints = [\"(knee\"]")));
        assertTrue(e.getMessage().contains("amp.sim.rewards.joint-pos-limits-joints: \"(knee\" is not a regular expression"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SimSettings.fromConfig(with("amp.sim.command.lin-vel-x = [2, 1]")));
        assertTrue(e.getMessage().contains("amp.sim.command.lin-vel-x"), e.getMessage());
    }

    /**
     * Settings added later (observation processing, randomization, the gait condition) hash only when
     * set: older runs' snapshots still restore (their configs read the gait condition as false).
     */
    @Test
    void theDefaultDigestIsTheOneRecordedBeforeObservationProcessingExisted() {
        SimSettings before = SimSettings.fromConfig(with("amp.sim.init { reference-state-init = 0.0, reference-command = false }\n"
                + "amp.sim.observations { amp-gait-condition = false, amp-history-length = 1 }\n"
                + "amp.sim.rewards { joint-torque = -1.0e-5, energy = -1.0e-4, joint-pos-limits = 0.0 }"));
        assertEquals("c001e6e65c3bbd07152f6f96a42bf656a75afc381f0288d3e724eec7d4e9352b", before.digest());
        assertNotEquals(SimSettings.defaults().digest(),
                SimSettings.fromConfig(with("amp.sim.observations.policy.history-length = 2")).digest());
        assertNotEquals(SimSettings.defaults().digest(),
                SimSettings.fromConfig(with("amp.sim.randomization.friction = [0.5, 1.0]")).digest());
        assertNotEquals(SimSettings.defaults().digest(),
                SimSettings.fromConfig(with("amp.sim.observations.amp-history-length = 2")).digest());
        assertNotEquals(SimSettings.defaults().digest(),
                SimSettings.fromConfig(with("amp.sim.rewards.joint-pos-limits = -1.0")).digest());
    }

    @Test
    void badObservationAndRandomizationSettingsNameTheKey() {
        assertNamed("amp.sim.observations.policy.joint_vel.noise = -0.1", "amp.sim.observations.policy.joint_vel.noise");
        assertNamed("amp.sim.observations.policy.history-length = 0", "amp.sim.observations.policy.history-length");
        assertNamed("amp.sim.observations.amp-history-length = 0", "amp.sim.observations.amp-history-length");
        assertNamed("amp.sim.observations.amp-history-length = often", "amp.sim.observations.amp-history-length = often: expected a "
                + "positive integer or auto");
        assertNamed("amp.sim.observations.critic.joint_vel.history-length = 0",
                "amp.sim.observations.critic.joint_vel.history-length");
        assertNamed("amp.sim.observations.policy.joint_vel.noise-type = laplace",
                "amp.sim.observations.policy.joint_vel.noise-type");
        assertNamed("amp.sim.observations.policy.joint_vel.nois = 1", "amp.sim.observations.policy.joint_vel.nois");
        assertNamed("amp.sim.observations.policy.joint_vel.clip = [1, -1]", "amp.sim.observations.policy.joint_vel.clip");
        assertNamed("amp.sim.observations.policy.joint_vel = 1", "amp.sim.observations.policy.joint_vel");
        assertNamed("amp.sim.randomization.friction = [-1, 1]", "amp.sim.randomization.friction");
        assertNamed("amp.sim.randomization.push.interval-s = [0, 1]", "amp.sim.randomization.push.interval-s");
        assertNamed("amp.sim.randomization.push.lin-vel-y = [-1, 1]", "amp.sim.randomization.push.lin-vel-y");
        assertNamed("amp.sim.randomization.pushes = 1", "amp.sim.randomization.pushes");
    }

    private static void assertNamed(String hocon, String key) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimSettings.fromConfig(with(hocon)));
        assertTrue(e.getMessage().contains(key), hocon + " -> " + e.getMessage());
    }

    @Test
    void anAutomaticAmpHistoryIsFourFramesOnTheEmbeddedEnginesAndOneForAnExternalSimulator() {
        assertEquals(SimSettings.AUTO_AMP_HISTORY, SimSettings.defaults().observations().ampHistoryLength());
        assertEquals(4, SimSettings.fromConfig(with("amp.sim.engine = ode4j")).observations().ampHistoryLength());
        assertEquals(1, SimSettings.fromConfig(with("amp.sim.engine = external")).observations().ampHistoryLength());
        assertEquals(2, SimSettings.fromConfig(with("amp.sim.observations.amp-history-length = 2")).observations().ampHistoryLength());
        assertEquals(SimSettings.defaults().digest(),
                SimSettings.fromConfig(with("amp.sim.observations.amp-history-length = 4")).digest(), "auto is the count it means");
    }

    @Test
    void anExternalSimulatorsRowsAreRefusedAFrameHistoryOrARequiredGaitConditionWhenTheConfigIsRead() {
        IllegalArgumentException k = assertThrows(IllegalArgumentException.class, () -> SimSettings.fromConfig(
                with("amp.sim.engine = external\namp.sim.observations.amp-history-length = 2")));
        assertTrue(k.getMessage().startsWith("amp.sim.observations.amp-history-length = 2 is not supported with amp.sim.engine = external"),
                k.getMessage());
        IllegalArgumentException g = assertThrows(IllegalArgumentException.class, () -> SimSettings.fromConfig(
                with("amp.sim.engine = external\namp.sim.observations.amp-gait-condition = true")));
        assertTrue(g.getMessage().startsWith("amp.sim.observations.amp-gait-condition = true is not supported"), g.getMessage());
        assertEquals(1, SimSettings.fromConfig(with("amp.sim.engine = external\namp.sim.observations.amp-history-length = 1"))
                .observations().ampHistoryLength(), "one frame, stated, is what auto means there");
    }

    @Test
    void digestIgnoresThreadsButNotPhysics() {
        SimSettings s = SimSettings.defaults();
        assertEquals(s.digest(), s.withThreads(2).digest());
        assertNotEquals(s.digest(), SimSettings.fromConfig(with("amp.sim.dt = 0.004")).digest());
    }
}
