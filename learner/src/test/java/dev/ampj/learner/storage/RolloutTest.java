package dev.ampj.learner.storage;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.storage.RolloutColumn.Dtype;
import dev.ampj.learner.storage.RolloutColumn.Extent;
import java.lang.reflect.Array;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RolloutTest {

    static final LearnerDims DIMS = new LearnerDims(3, 4, 2, 5);

    @Test
    void allocateGivesEveryRowColumnItsDeclaredTypeAndLength() {
        Rollout r = Rollout.allocate(6, 4, DIMS);
        for (RolloutColumn c : RolloutColumn.ROWS) {
            Object a = r.array(c);
            assertTrue(c.dtype().holds(a), c.wireName());
            int rows = c.extent() == Extent.PER_STEP ? 24 : 4;
            assertEquals(rows * c.width(DIMS), Array.getLength(a), c.wireName());
        }
        assertEquals(24 * DIMS.policyObs(), r.policyObs().length);
        assertEquals(4, r.lastValues().length);
        assertEquals(24, r.episodeIds().length);
        assertThrows(IllegalArgumentException.class, () -> r.array(RolloutColumn.ENV_STATE));
        assertThrows(IllegalArgumentException.class, () -> r.floats(RolloutColumn.EPISODE_IDS));
    }

    @Test
    void namesAreUniqueAndFitTheWire() {
        Set<String> names = new HashSet<>();
        for (RolloutColumn c : RolloutColumn.values()) {
            assertTrue(names.add(c.wireName()), "duplicate " + c.wireName());
            assertTrue(c.wireName().matches("[a-z][a-z0-9_]{0,55}"), c.wireName());
        }
        assertEquals("ampNextObs", RolloutColumn.AMP_NEXT_OBS.fieldName());
        assertEquals(Dtype.INT64, RolloutColumn.EPISODE_IDS.dtype());
        assertEquals(RolloutColumn.values().length, RolloutColumn.ROWS.size() + RolloutColumn.BLOBS.size());
    }

    @Test
    void withReplacesOneColumnAndSharesTheOthers() {
        Rollout r = Rollout.allocate(2, 3, DIMS);
        float[] rewards = {1, 2, 3, 4, 5, 6};
        Rollout s = r.with(RolloutColumn.TASK_REWARDS, rewards);
        assertSame(rewards, s.taskRewards());
        assertSame(r.policyObs(), s.policyObs());
        assertArrayEquals(new float[6], r.taskRewards());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.with(RolloutColumn.EPISODE_IDS, new float[6]));
        assertEquals("rollout.episodeIds holds INT64, got float[]", e.getMessage());
    }

    @Test
    void validateChecksEachColumnAsDeclared() {
        Rollout ok = Rollout.allocate(2, 3, DIMS);
        ok.validate(DIMS);
        float[] dones = new float[6];
        dones[4] = 0.5f;
        assertEquals("rollout.dones[t=1, env=1] = 0.5: expected 0 or 1",
                assertThrows(IllegalArgumentException.class, () -> ok.with(RolloutColumn.DONES, dones).validate(DIMS)).getMessage());
        float[] timeoutValues = new float[6];
        timeoutValues[2] = Float.NaN;
        ok.with(RolloutColumn.TIMEOUT_VALUES, timeoutValues).validate(DIMS); // ignored where no timeout
        float[] timeouts = new float[6];
        timeouts[2] = 1;
        assertEquals("rollout.timeoutValues[t=0, env=2] is NaN: expected a finite value",
                assertThrows(IllegalArgumentException.class, () -> ok.with(RolloutColumn.TIMEOUT_VALUES, timeoutValues)
                        .with(RolloutColumn.TIMEOUTS, timeouts).validate(DIMS)).getMessage());
        assertEquals("rollout.lastValues: expected 3 x 1 = 3 floats, got 6",
                assertThrows(IllegalArgumentException.class, () -> ok.with(RolloutColumn.LAST_VALUES, new float[6]).validate(DIMS))
                        .getMessage());
        float[] lengths = new float[6];
        lengths[0] = Float.NaN;
        ok.with(RolloutColumn.EPISODE_LENGTHS, lengths).validate(DIMS); // telemetry columns are not checked
    }
}
