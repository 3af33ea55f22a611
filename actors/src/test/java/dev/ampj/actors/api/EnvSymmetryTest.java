package dev.ampj.actors.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ampj.actors.config.RunConfig;
import dev.ampj.actors.testenv.PointMassComponents;
import dev.ampj.actors.testenv.TestRuns;
import dev.ampj.learner.config.LearnerSettings;
import java.util.List;
import org.junit.jupiter.api.Test;

/** amp.actors.training.symmetry: a new run of the ostrich trains with its mirror, recorded in the config. */
class EnvSymmetryTest {

    private static Config config(String overrides) {
        return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.defaultReference()).resolve();
    }

    @Test
    void theOstrichsMirrorIsWrittenIntoTheLearnersSymmetrySettings() {
        Config c = config("");
        Config applied = EnvSymmetry.apply(c, new DefaultComponents().envs(c));
        LearnerSettings s = LearnerSettings.fromConfig(applied);
        assertTrue(s.ppo().symmetry().useDataAugmentation());
        assertEquals(28, s.ppo().symmetry().policyObsMap().length);
        assertEquals(31, s.ppo().symmetry().criticObsMap().length);
        assertEquals(List.of(4, 5, 6, 1, 2, 3), applied.getIntList("amp.learner.ppo.symmetry.action-map"));
        assertTrue(RunConfig.render(applied).contains("policy-obs-map"), "the recorded config states the maps");
    }

    @Test
    void offOrWithTheUsersOwnMapsOrWithoutAnEnvMirrorNothingChanges() {
        Config off = config("amp.actors.training.symmetry = false");
        assertSame(off, EnvSymmetry.apply(off, new DefaultComponents().envs(off)));
        Config own = config("amp.learner.ppo.symmetry { policy-obs-map = [1], critic-obs-map = [1], action-map = [1] }");
        assertSame(own, EnvSymmetry.apply(own, new DefaultComponents().envs(own)));
        Config pointMass = TestRuns.config("");
        Config applied = EnvSymmetry.apply(pointMass, new PointMassComponents().envs(pointMass));
        assertFalse(LearnerSettings.fromConfig(applied).ppo().symmetry().useDataAugmentation());
    }
}
