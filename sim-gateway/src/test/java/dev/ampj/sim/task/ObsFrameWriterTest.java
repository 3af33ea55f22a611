package dev.ampj.sim.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.sim.env.ObsGroupSpec;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.terms.KinematicFrame;
import java.util.List;
import org.junit.jupiter.api.Test;

class ObsFrameWriterTest {

    @Test
    void aDeclaredTermWithoutAWriterFailsAtConstruction() {
        ObsGroupSpec g = ObsGroupSpec.of("critic", List.of("root_height", "terrain_scan"), List.of(1, 5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ObsFrameWriter(g, ObsTermWriter::of));
        assertTrue(e.getMessage().contains("'terrain_scan'") && e.getMessage().contains("no writer"), e.getMessage());
    }

    @Test
    void aDeclaredWidthOtherThanTheWritersFailsAtConstruction() {
        ObsGroupSpec g = ObsGroupSpec.of("policy", List.of("velocity_command", "last_action"), List.of(1, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ObsFrameWriter(g, ObsTermWriter::of));
        assertTrue(e.getMessage().contains("'last_action'") && e.getMessage().contains("4")
                && e.getMessage().contains("6"), e.getMessage());
    }

    @Test
    void eachTermLandsInItsDeclaredSlotOfTheFrame() {
        // histories stretch the row, not the clean frame: offsets are cumulative frame widths
        ObsGroupSpec g = ObsGroupSpec.of("policy", List.of("last_action", "velocity_command", "root_height"),
                List.of(6, 1, 1), List.of(3, 2, 1));
        ObsFrameWriter w = new ObsFrameWriter(g, ObsTermWriter::of);
        assertEquals(8, w.frameDim());
        KinematicFrame f = new KinematicFrame(OstrichLayout.LAYOUT);
        f.rootQuat[0] = 1;
        f.rootPos[2] = 1.25;
        TaskContext c = new TaskContext(f, null);
        for (int j = 0; j < 6; j++) {
            c.lastAction[j] = j + 1;
        }
        c.command = 0.75;
        float[] out = new float[8];
        w.write(c, out);
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 0.75f, 1.25f}, out);
    }

    @Test
    void theVelocityTasksDeclaredTermsAllHaveWriters() {
        TaskObservations obs = new TaskObservations(SimSettings.defaults().observations());
        assertEquals(obs.criticProcessing.frameDim(), obs.cleanFrame.frameDim());
    }
}
