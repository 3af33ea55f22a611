package dev.ampj.ops.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ampj.actors.api.DefaultComponents;
import dev.ampj.actors.env.ReferencePairs;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.terms.AmpTermRegistry;
import org.junit.jupiter.api.Test;

/** The bundled reference gaits, posed through the default AMP terms: each frame is its own nearest frame. */
class ReferencePosesTest {

    @Test
    void everyReferenceFrameIsNearestToItselfAndAPerturbedPoseStaysClose() {
        var config = ConfigFactory.load();
        SimSettings sim = SimSettings.fromConfig(config);
        OstrichPose decoder = OstrichPose.decoder(AmpTermRegistry.resolve(sim.observations().ampTerms(),
                sim.observations().keyBodies(), OstrichLayout.LAYOUT));
        ReferencePairs reference = new DefaultComponents().reference(config, null, 0);
        ReferencePoses poses = new ReferencePoses(reference, decoder);
        int checked = 0;
        for (ReferencePairs.Clip clip : reference.clips()) {
            for (int f = 0; f < clip.pairs(); f += 7) {
                double[] pose = decoder.pose(clip.states(), f * reference.dim());
                ReferencePoses.Match m = poses.nearest(pose);
                assertArrayEquals(pose, m.pose(), 0.0, clip.source() + " frame " + f);
                double[] nudged = pose.clone();
                nudged[3] += 0.05; // left knee
                double d = 0;
                for (int k = 0; k < pose.length; k++) {
                    d += (poses.nearest(nudged).pose()[k] - nudged[k]) * (poses.nearest(nudged).pose()[k] - nudged[k]);
                }
                assertTrue(d <= 0.05 * 0.05 + 1e-12, "nearest to a nudged pose is farther than the original frame: " + d);
                checked++;
            }
        }
        assertTrue(checked > 10, "only " + checked + " frames checked");
        assertEquals(2, reference.clips().size(), "the bundled walk and march");
    }
}
