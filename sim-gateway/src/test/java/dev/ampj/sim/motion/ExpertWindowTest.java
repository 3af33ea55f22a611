package dev.ampj.sim.motion;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.ampj.sim.env.AmpWindow;
import dev.ampj.sim.env.GaitCondition;
import dev.ampj.sim.env.ObsGroupSpec;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.ostrich.OstrichMirror;
import dev.ampj.sim.task.VelocityTaskVecEnvs;
import dev.ampj.sim.terms.AmpObservation;
import dev.ampj.sim.terms.AmpTermRegistry;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Expert pairs of multi-frame AMP states ({@code amp-history-length} = k) from the bundled clips:
 * each state is k consecutive frames of one clip, s′ the window one frame later, and the env declares
 * the same layout (so its mirror map and the reference's agree); files that cannot give windows are
 * refused, naming the file and the key.
 */
class ExpertWindowTest {

    static final int K = 4;
    private static MotionLibrary library;
    private static AmpObservation amp;
    private static GaitCondition condition;

    @BeforeAll
    static void load() throws Exception {
        SimSettings s = SimSettings.defaults();
        library = MotionLibrary.load(MotionSettings.defaults(), OstrichLayout.LAYOUT, s.controlDt());
        amp = AmpTermRegistry.resolve(s.observations().ampTerms(), s.observations().keyBodies(), OstrichLayout.LAYOUT);
        condition = GaitConditions.of(library);
    }

    @Test
    void everyStateIsKConsecutiveFramesOfItsClipAndSPrimeIsOneFrameLater() {
        AmpWindow w = AmpWindow.of(amp.dim(), K, condition);
        ExpertPairSampler sampler = new ExpertPairSampler(library, amp, w, 11L);
        int d = amp.dim();
        int dim = sampler.dim();
        assertEquals(K * d + 2, dim);
        int n = 1000;
        float[] s = new float[n * dim];
        float[] next = new float[n * dim];
        sampler.sample(n, s, next);
        float[][] tables = {ExpertPairSampler.clipStates(library, 0, amp), ExpertPairSampler.clipStates(library, 1, amp)};
        int early = 0;
        for (int i = 0; i < n; i++) {
            int c = s[i * dim + K * d] == 1f ? 0 : 1;
            float[] state = Arrays.copyOfRange(s, i * dim, (i + 1) * dim);
            float[] following = Arrays.copyOfRange(next, i * dim, (i + 1) * dim);
            int row = windowRow(w, c, tables[c], state, following);
            assertTrue(row >= K - 1, "pair " + i + ": K consecutive frames of clip " + c + ", newest first, then oldest to newest");
            early += row < 2 * K ? 1 : 0;
            float[] expected = new float[dim];
            w.writeReference(c, tables[c], row + 1, expected, 0);
            assertArrayEquals(expected, Arrays.copyOfRange(next, i * dim, (i + 1) * dim), "pair " + i + ": s' is the next window");
            float[] newest = Arrays.copyOfRange(tables[c], row * d, row * d + d);
            float[] oldest = Arrays.copyOfRange(tables[c], (row - K + 1) * d, (row - K + 2) * d);
            assertArrayEquals(newest, Arrays.copyOfRange(state, 0, d), "pair " + i + ": the newest frame leads");
            assertArrayEquals(oldest, Arrays.copyOfRange(state, d, 2 * d), "pair " + i + ": then the oldest");
        }
        assertTrue(early > 0, "windows start as early as their history allows");
    }

    @Test
    void theEnvDeclaresTheReferencesLayoutAndMirrorsEveryFrame() {
        SimSettings s = SimSettings.fromConfig(ConfigFactory.parseString("amp.sim.observations.amp-history-length = " + K)
                .withFallback(ConfigFactory.defaultReference()));
        ObsGroupSpec spec = VelocityTaskVecEnvs.spec(s, condition).amp();
        assertEquals(AmpWindow.of(amp.dim(), K, condition).dim(), spec.dim());
        int[] single = OstrichMirror.map(VelocityTaskVecEnvs.spec(SimSettings.defaults(), condition).amp()).orElseThrow();
        int[] m = OstrichMirror.map(spec).orElseThrow();
        int d = amp.dim();
        for (int f = 0; f < K; f++) {
            for (int c = 0; c < d; c++) {
                int x = single[c];
                assertEquals(Integer.signum(x) * (Math.abs(x) + f * d), m[f * d + c], "frame " + f + " column " + c);
            }
        }
        assertEquals(K * d + 1, m[K * d], "the condition stays in place");
    }

    @Test
    void filesThatCannotGiveWindowsAreNamed() {
        AmpStatePairs pairs = new AmpStatePairs("pairs.npy", new float[3 * amp.dim()], new float[3 * amp.dim()], 3, amp.dim(), List.of());
        MotionLibrary stored = MotionLibrary.of(List.of(pairs), List.of(1.0), OstrichLayout.LAYOUT, 0.02, java.util.Map.of());
        MotionFileException e = assertThrows(MotionFileException.class,
                () -> new ExpertPairSampler(stored, amp, AmpWindow.of(amp.dim(), 2, GaitCondition.none()), 1L));
        assertTrue(e.getMessage().contains("pairs.npy") && e.getMessage().contains("amp-history-length = 2"), e.getMessage());
        new ExpertPairSampler(stored, amp, AmpWindow.single(amp.dim(), GaitCondition.none()), 1L); // one frame: fine
        AmpStateSequence shortClip = new AmpStateSequence("short.npz", new float[3 * amp.dim()], 3, amp.dim(), 0.02, List.of());
        MotionLibrary tiny = MotionLibrary.of(List.of(shortClip), List.of(1.0), OstrichLayout.LAYOUT, 0.02, java.util.Map.of());
        MotionFileException e2 = assertThrows(MotionFileException.class,
                () -> new ExpertPairSampler(tiny, amp, AmpWindow.of(amp.dim(), 3, GaitCondition.none()), 1L));
        assertTrue(e2.getMessage().contains("short.npz") && e2.getMessage().contains("3 frames")
                && e2.getMessage().contains("at least 4"), e2.getMessage());
        new ExpertPairSampler(tiny, amp, AmpWindow.of(amp.dim(), 2, GaitCondition.none()), 1L); // 3 frames hold one window pair of 2
    }

    /** The row of {@code table} whose window is {@code state} and whose next window is {@code next} (a looped clip repeats windows), or -1. */
    private static int windowRow(AmpWindow w, int clip, float[] table, float[] state, float[] next) {
        float[] candidate = new float[w.dim()];
        float[] following = new float[w.dim()];
        for (int r = w.firstRow(); r + 1 < table.length / w.termDim(); r++) {
            w.writeReference(clip, table, r, candidate, 0);
            w.writeReference(clip, table, r + 1, following, 0);
            if (Arrays.equals(candidate, state) && Arrays.equals(following, next)) {
                return r;
            }
        }
        return -1;
    }
}
