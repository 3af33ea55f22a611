package dev.ampj.ops.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AmpConfigTest {

    @TempDir
    Path dir;

    @Test
    void referenceThenFileThenSetsInOrder() throws IOException {
        Path f = Files.writeString(dir.resolve("run.conf"), "amp.actors.training { num-envs = 12, horizon = 5 }\n");
        Config c = AmpConfig.load(f, List.of("amp.actors.training.horizon=7", "amp.learner.style-reward.task-reward-lerp=0.5",
                "amp.learner.policy.actor-hidden-dims=[32,32]"));
        assertEquals(12, c.getInt("amp.actors.training.num-envs"));
        assertEquals(7, c.getInt("amp.actors.training.horizon"));
        assertEquals(0.5, c.getDouble("amp.learner.style-reward.task-reward-lerp"));
        assertEquals(List.of(32, 32), c.getIntList("amp.learner.policy.actor-hidden-dims"));
        assertEquals(2, c.getInt("amp.actors.training.shards"), "reference default kept");
    }

    @Test
    void unknownKeysAreRefusedWithTheKnownOnes() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AmpConfig.load(null, List.of("amp.actors.training.horizn=7")));
        assertTrue(e.getMessage().contains("amp.actors.training.horizn"), e.getMessage());
        assertTrue(e.getMessage().contains("horizon"), e.getMessage());
        Path f = Files.writeString(dir.resolve("bad.conf"), "amp.learner.ppo { gama = 0.9 }\n");
        e = assertThrows(IllegalArgumentException.class, () -> AmpConfig.load(f, List.of()));
        assertTrue(e.getMessage().contains("amp.learner.ppo.gama") && e.getMessage().contains("gamma"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AmpConfig.load(null, List.of("pekko.loglevel=DEBUG")));
        assertTrue(e.getMessage().contains("only amp.*"), e.getMessage());
    }

    @Test
    void badValuesFailWithTheirKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AmpConfig.load(null, List.of("amp.actors.training.shards=0")));
        assertTrue(e.getMessage().contains("amp.actors.training.shards"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> AmpConfig.load(null, List.of("no-equals-sign")));
        assertTrue(e.getMessage().contains("key=value"), e.getMessage());
    }
}
