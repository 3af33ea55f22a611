package dev.ampj.ops.export;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ampj.actors.env.RunLearnerSettings;
import dev.ampj.learner.AmpLearner;
import dev.ampj.learner.nn.PolicyInference;
import dev.ampj.ops.CliRun;
import dev.ampj.ops.TestPython;
import dev.ampj.ops.playback.TrainedPolicy;
import dev.ampj.ops.train.CommandSupport;
import dev.ampj.sim.motion.KinematicClip;
import dev.ampj.sim.motion.MotionLibrary;
import dev.ampj.sim.motion.MotionSettings;
import dev.ampj.sim.ostrich.OstrichGeometry;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.terms.FrameMath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code amp export --format onnx|bvh|npz} on a tiny run of the built-in ostrich: the ONNX model run
 * by onnxruntime (Python, skipped with the reason when absent) gives the platform's mean actions;
 * the BVH skeleton, driven by its own channels, puts the ankles where the simulation had them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PolicyExportTest {

    @TempDir
    static Path runs;

    @BeforeAll
    void train() throws IOException {
        Path config = Files.writeString(runs.resolve("tiny.conf"), dev.ampj.ops.playback.PlaybackCommandsTestConfig.TINY);
        String[] r = CliRun.run("train", "--config", config.toString(), "--name", "tiny", "--runs-dir", runs.toString(),
                "--no-progress", "--eval-every", "0");
        assertEquals("0", r[0], r[2]);
    }

    @Test
    void onnxGivesThePlatformsMeanActions() throws IOException {
        Path model = runs.resolve("out/policy.onnx");
        String[] r = CliRun.run("export", "tiny", "--format", "onnx", "--out", model.toString(), "--runs-dir", runs.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("ONNX opset 17"), r[1]);
        Path python = TestPython.require("onnxruntime");

        TrainedPolicy policy = TrainedPolicy.load(CommandSupport.store(com.typesafe.config.ConfigFactory.load(), runs), "tiny", null);
        var spec = CommandSupport.components().envs(policy.config()).spec();
        int rows = 7;
        int dp = spec.policyDim();
        float[] obs = new float[rows * dp];
        for (int i = 0; i < obs.length; i++) {
            obs[i] = (float) (1.5 * Math.sin(0.37 * i + 0.1) + 0.2 * (i % 5)); // spans a few normaliser stds
        }
        float[] expected;
        try (AmpLearner learner = AmpLearner.restore(RunLearnerSettings.of(policy.config()), policy.learnerState());
                PolicyInference inference = learner.newInference()) {
            int[] ids = new int[rows];
            for (int e = 0; e < rows; e++) {
                ids[e] = e;
            }
            expected = inference.act(0, ids, obs, new float[rows * spec.criticDim()]).means();
        }
        List<List<Float>> input = new ArrayList<>();
        for (int e = 0; e < rows; e++) {
            List<Float> row = new ArrayList<>();
            for (int j = 0; j < dp; j++) {
                row.add(obs[e * dp + j]);
            }
            input.add(row);
        }
        ObjectMapper json = new ObjectMapper();
        Path in = Files.writeString(runs.resolve("obs.json"), json.writeValueAsString(java.util.Map.of("obs", input)));
        TestPython.Result run = TestPython.run(python, List.of(TestPython.script("onnx_policy.py", runs).toString(),
                model.toString(), in.toString()), 120);
        assertEquals(0, run.code(), run.output());
        JsonNode result = json.readTree(run.output().lines().filter(l -> l.startsWith("{")).reduce((a, b) -> b).orElseThrow());
        assertEquals(17, result.get("opset").asInt());
        JsonNode actions = result.get("actions");
        assertEquals(rows, actions.size());
        int a = spec.actionDim();
        double maxDiff = 0;
        for (int e = 0; e < rows; e++) {
            assertEquals(a, actions.get(e).size());
            for (int j = 0; j < a; j++) {
                maxDiff = Math.max(maxDiff, Math.abs(actions.get(e).get(j).asDouble() - expected[e * a + j]));
            }
        }
        assertTrue(maxDiff < 1e-5, "onnxruntime vs the platform's inference: max |difference| " + maxDiff);
    }

    @Test
    void bvhChannelsReproduceTheSimulatedAnkles() throws IOException {
        Path npz = runs.resolve("out/motion.npz");
        Path bvh = runs.resolve("out/motion.bvh");
        String[] r = CliRun.run("export", "tiny", "--format", "npz", "--seconds", "2", "--out", npz.toString(), "--runs-dir",
                runs.toString());
        assertEquals("0", r[0], r[2]);
        r = CliRun.run("export", "tiny", "--format", "bvh", "--seconds", "2", "--out", bvh.toString(), "--runs-dir", runs.toString());
        assertEquals("0", r[0], r[2]);
        KinematicClip clip = MotionLibrary.load(MotionSettings.defaults().withFiles(List.of(npz.toString())), OstrichLayout.LAYOUT,
                0.02).clips().get(0).kinematics();

        List<String> lines = Files.readAllLines(bvh);
        int motion = lines.indexOf("MOTION");
        assertEquals("Frames: " + clip.frames(), lines.get(motion + 1));
        assertEquals("Frame Time: 0.020000", lines.get(motion + 2));
        assertEquals(clip.frames(), lines.size() - motion - 3);
        for (int f = 0; f < clip.frames(); f++) {
            String[] v = lines.get(motion + 3 + f).split(" ");
            assertEquals(6 + 3 * 6, v.length, "root 6 channels + 6 joints x 3");
            double[] c = new double[v.length];
            for (int i = 0; i < v.length; i++) {
                c[i] = Double.parseDouble(v[i]);
            }
            for (int leg = 0; leg < 2; leg++) {
                double[] ankle = bvhAnkle(c, leg);
                double[] sim = simulatedAnkle(clip, f, 3 + 3 * leg);
                for (int k = 0; k < 3; k++) {
                    assertEquals(sim[k], ankle[k], 2e-4, "frame " + f + " leg " + leg + " axis " + k);
                }
            }
        }
    }

    /** The ankle by BVH forward kinematics (offsets from the file's skeleton), back in world metres. */
    private static double[] bvhAnkle(double[] c, int leg) {
        double[][] m = mul(translate(c[0], c[1], c[2]), mul(rz(c[3]), mul(rx(c[4]), ry(c[5]))));
        for (int k = 0; k < 3; k++) {
            double[] off = BvhMotion.jointOffset(1 + 3 * leg + k);
            int ch = 6 + 3 * (3 * leg + k);
            double[][] local = mul(translate(off[0] * 100, off[2] * 100, -off[1] * 100), mul(rz(c[ch]), mul(rx(c[ch + 1]), ry(c[ch + 2]))));
            m = mul(m, local);
        }
        return new double[] {m[0][3] / 100, -m[2][3] / 100, m[1][3] / 100};
    }

    private static double[] simulatedAnkle(KinematicClip clip, int f, int foot) {
        int b = clip.bodies();
        double[] off = OstrichGeometry.COM_FROM_ANCHOR[foot];
        double[] r = new double[3];
        FrameMath.rotate(clip.bodyQuat(), (f * b + foot) * 4, -off[0], -off[1], -off[2], r, 0);
        int p = (f * b + foot) * 3;
        return new double[] {clip.bodyPos()[p] + r[0], clip.bodyPos()[p + 1] + r[1], clip.bodyPos()[p + 2] + r[2]};
    }

    private static double[][] translate(double x, double y, double z) {
        return new double[][] {{1, 0, 0, x}, {0, 1, 0, y}, {0, 0, 1, z}, {0, 0, 0, 1}};
    }

    private static double[][] rz(double deg) {
        double a = Math.toRadians(deg);
        return new double[][] {{Math.cos(a), -Math.sin(a), 0, 0}, {Math.sin(a), Math.cos(a), 0, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}};
    }

    private static double[][] rx(double deg) {
        double a = Math.toRadians(deg);
        return new double[][] {{1, 0, 0, 0}, {0, Math.cos(a), -Math.sin(a), 0}, {0, Math.sin(a), Math.cos(a), 0}, {0, 0, 0, 1}};
    }

    private static double[][] ry(double deg) {
        double a = Math.toRadians(deg);
        return new double[][] {{Math.cos(a), 0, Math.sin(a), 0}, {0, 1, 0, 0}, {-Math.sin(a), 0, Math.cos(a), 0}, {0, 0, 0, 1}};
    }

    private static double[][] mul(double[][] a, double[][] b) {
        double[][] c = new double[4][4];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 4; k++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }
}
