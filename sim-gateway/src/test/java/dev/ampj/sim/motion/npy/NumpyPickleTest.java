package dev.ampj.sim.motion.npy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.sim.motion.MotionFileException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The restricted unpickler reads numpy's pickles and refuses everything else. */
class NumpyPickleTest {

    @Test
    void readsTheDictNumpyWroteWithProtocols4And2() throws Exception {
        for (String name : List.of("amp_rsl_rl_numpy.npy", "amp_rsl_rl_numpy_p2.npy")) {
            var path = NpyReaderTest.resource(name);
            Object o = NumpyPickle.readNpy(Files.readAllBytes(path), name);
            Map<?, ?> d = (Map<?, ?>) o;
            assertEquals(List.of("left_hip", "left_knee"), d.get("joints_list"));
            assertEquals(30.0, d.get("fps"));
            List<?> q = (List<?>) d.get("joint_positions");
            assertEquals(5, q.size());
            assertArrayEquals(new double[] {0.30000000000000004, -0.6000000000000001}, ((NpyArray) q.get(3)).doubles(), 0);
            List<?> r = (List<?>) d.get("root_quaternion");
            assertEquals(Math.cos(0.05 * 2), ((NpyArray) r.get(2)).get(3), 0);
        }
    }

    private static MotionFileException refused(byte[] pickle) {
        return assertThrows(MotionFileException.class, () -> NumpyPickle.load(pickle, "evil.npy"));
    }

    @Test
    void refusesGlobalsOutsideTheNumpyAllowList() {
        MotionFileException e = refused(dev.ampj.sim.motion.PickleAccess.globalOnly("os", "system"));
        assertTrue(e.getMessage().contains("'os.system', which is not allowed"), e.getMessage());
        assertTrue(refused(dev.ampj.sim.motion.PickleAccess.globalOnly("builtins", "eval")).getMessage().contains("builtins.eval"));
        assertTrue(refused(dev.ampj.sim.motion.PickleAccess.globalOnly("numpy", "load")).getMessage().contains("numpy.load"));
    }

    @Test
    void refusesInstOpcodeAndPersistentIds() {
        byte[] inst = {(byte) 0x80, 2, '(', 'i', 'o', 's', '\n', 's', 'y', 's', 't', 'e', 'm', '\n', '.'};
        assertTrue(refused(inst).getMessage().contains("opcode 0x69"));
        byte[] persid = {(byte) 0x80, 2, 'P', 'x', '\n', '.'};
        assertTrue(refused(persid).getMessage().contains("opcode 0x50"));
    }

    @Test
    void refusesLengthsBeyondThePayloadBeforeAllocating() {
        // BINBYTES claiming 2 GiB - 1 in a 10-byte payload.
        byte[] big = {(byte) 0x80, 3, 'B', (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F, 1, 2, '.'};
        assertTrue(refused(big).getMessage().contains("claims a 2147483647-byte item"), refused(big).getMessage());
        byte[] big8 = {(byte) 0x80, 4, (byte) 0x8e, 0, 0, 0, 0, 0, 0, 0, 0x10, '.'};
        assertTrue(refused(big8).getMessage().contains("-byte item"));
    }

    @Test
    void truncatedPayloadIsAClearError() {
        byte[] cut = {(byte) 0x80, 2, ']', '('};
        MotionFileException e = refused(cut);
        assertTrue(e.getMessage().startsWith("evil.npy: malformed pickle payload"), e.getMessage());
    }
}
