package dev.ampj.actors.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

/** A run's recorded configuration: round trip, runs recorded before a key existed, fork diffs, bad text. */
class RunConfigTest {

    static Config defaults() {
        return ConfigFactory.defaultReference().resolve();
    }

    @Test
    void aRecordedConfigurationReadsBackUnchanged() {
        Config c = ConfigFactory.parseString("amp.sim.engine = ode4j, amp.sim.planar = false").withFallback(defaults()).resolve();
        Config back = RunConfig.parse(RunConfig.render(c), "r");
        assertEquals("", RunConfig.diff(c, back));
        assertEquals("reduced", RunConfig.parse(RunConfig.render(defaults()), "r").getString("amp.sim.engine"));
    }

    @Test
    void runsRecordedBeforeTheEngineChoiceKeepSimulatingOnOde4j() {
        Config today = defaults();
        Config old = today.withoutPath("amp.sim.engine");
        assertEquals("ode4j", RunConfig.parse(RunConfig.render(old), "old").getString("amp.sim.engine"));
        assertEquals("amp.sim.engine: \"ode4j\" -> \"reduced\"",
                RunConfig.diff(RunConfig.parse(RunConfig.render(old), "old"), today));
    }

    @Test
    void runsRecordedBeforeTheGaitConditionKeepUnconditionedAmpStates() {
        Config old = defaults().withoutPath("amp.sim.observations.amp-gait-condition");
        assertEquals("false", RunConfig.parse(RunConfig.render(old), "old").getString("amp.sim.observations.amp-gait-condition"));
        assertEquals("auto", RunConfig.parse(RunConfig.render(defaults()), "new").getString("amp.sim.observations.amp-gait-condition"));
    }

    @Test
    void runsRecordedBeforeTheJointLimitTermAndTheAmpHistoryKeepTheirRewardsAndSingleFrames() {
        Config old = defaults().withoutPath("amp.sim.rewards.joint-pos-limits").withoutPath("amp.sim.observations.amp-history-length");
        Config back = RunConfig.parse(RunConfig.render(old), "old");
        assertEquals(0.0, back.getDouble("amp.sim.rewards.joint-pos-limits"));
        assertEquals(1, back.getInt("amp.sim.observations.amp-history-length"));
        Config today = RunConfig.parse(RunConfig.render(defaults()), "new");
        assertEquals(-5.0, today.getDouble("amp.sim.rewards.joint-pos-limits"));
        assertEquals("auto", today.getString("amp.sim.observations.amp-history-length"));
    }

    @Test
    void runsRecordedBeforeTheVelocitiesSettingKeepTheirFilesVelocities() {
        Config old = defaults().withoutPath("amp.motion.velocities");
        assertEquals("file", RunConfig.parse(RunConfig.render(old), "old").getString("amp.motion.velocities"));
        assertEquals(defaults().getString("amp.motion.velocities"),
                RunConfig.parse(RunConfig.render(defaults()), "new").getString("amp.motion.velocities"));
    }

    @Test
    void unreadableTextNamesTheRun() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunConfig.parse("{sim: ", "broken"));
        assertTrue(e.getMessage().contains("broken"), e.getMessage());
    }
}
