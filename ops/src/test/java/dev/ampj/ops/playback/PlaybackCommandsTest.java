package dev.ampj.ops.playback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ampj.ops.CliRun;
import dev.ampj.sim.motion.KinematicClip;
import dev.ampj.sim.motion.MotionLibrary;
import dev.ampj.sim.motion.MotionSettings;
import dev.ampj.sim.ostrich.OstrichLayout;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Node;

/** {@code amp render} and {@code amp play} on a tiny run of the built-in ostrich, through the CLI. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PlaybackCommandsTest {

    @TempDir
    static Path runs;

    @BeforeAll
    void train() throws IOException {
        Path config = Files.writeString(runs.resolve("tiny.conf"), PlaybackCommandsTestConfig.TINY);
        String[] r = CliRun.run("train", "--config", config.toString(), "--name", "tiny", "--runs-dir", runs.toString(),
                "--no-progress", "--eval-every", "0");
        assertEquals("0", r[0], r[2]);
    }

    @Test
    void renderWritesALoopingGifOfThePolicyBesideTheReference() throws IOException {
        Path gif = runs.resolve("out/walk.gif");
        String[] r = CliRun.run("render", "tiny", "--seconds", "1", "--out", gif.toString(), "--runs-dir", runs.toString());
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].contains("25 frames, 720x300"), r[1]);
        try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(25, reader.getNumImages(true), "1 s at 25 frames/s");
            BufferedImage first = reader.read(0);
            BufferedImage later = reader.read(12);
            assertEquals(2 * SideBySide.PANEL_WIDTH, first.getWidth());
            assertEquals(SideBySide.HEIGHT, first.getHeight());
            assertFalse(Arrays.equals(pixels(first), pixels(later)), "the figures move");
            assertEquals(0xFFFFFFFF, first.getRGB(2, 40), "white background (the palette is the frame's own)");
            IIOMetadataNode meta = (IIOMetadataNode) reader.getImageMetadata(0).getAsTree("javax_imageio_gif_image_1.0");
            assertEquals("4", find(meta, "GraphicControlExtension").getAttributes().getNamedItem("delayTime").getNodeValue());
            assertEquals("NETSCAPE", find(meta, "ApplicationExtension").getAttributes().getNamedItem("applicationID").getNodeValue());
        }

        r = CliRun.run("render", "tiny", "--env", "7", "--out", gif.toString(), "--runs-dir", runs.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--env 7: the reference motion has 2 clips"), r[2]);
        r = CliRun.run("render", "tiny", "--iteration", "9", "--out", gif.toString(), "--runs-dir", runs.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("no committed iteration 9"), r[2]);
        r = CliRun.run("render", "nope", "--out", gif.toString(), "--runs-dir", runs.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("no run 'nope'"), r[2]);
    }

    @Test
    void playRecordsMotionTheLibraryLoads() throws IOException {
        Path npz = runs.resolve("out/play.npz");
        String[] r = CliRun.run("play", "tiny", "--envs", "2", "--seconds", "2", "--record", npz.toString(), "--runs-dir",
                runs.toString());
        assertEquals("0", r[0], r[2]);
        assertEquals(2, r[1].lines().filter(l -> l.matches("\\s+[01]\\s+0\\.[0-9]{2}\\s.*")).count(), "one row per env: " + r[1]);
        Matcher m = Pattern.compile("(\\d+) frames at 50 fps").matcher(r[1]);
        assertTrue(m.find(), r[1]);
        int frames = Integer.parseInt(m.group(1));

        MotionLibrary library = MotionLibrary.load(MotionSettings.defaults().withFiles(List.of(npz.toString())),
                OstrichLayout.LAYOUT, 0.02);
        KinematicClip clip = library.clips().get(0).kinematics();
        assertEquals(OstrichLayout.JOINTS, clip.dofNames());
        assertEquals(OstrichLayout.BODIES, clip.bodyNames());
        assertEquals(50.0, clip.fps());
        assertEquals(frames, clip.frames());
        assertTrue(frames > 2 && frames <= 101, "the first episode of 2 s: " + frames);

        r = CliRun.run("play", "tiny", "--envs", "2", "--record", npz.toString(), "--record-env", "2", "--runs-dir", runs.toString());
        assertEquals("2", r[0]);
        assertTrue(r[2].contains("--record-env 2 is not one of the 2 envs"), r[2]);
    }

    private static int[] pixels(BufferedImage image) {
        return image.getRGB(0, 0, image.getWidth(), image.getHeight(), null, 0, image.getWidth());
    }

    private static Node find(Node n, String name) {
        if (n.getNodeName().equals(name)) {
            return n;
        }
        for (Node c = n.getFirstChild(); c != null; c = c.getNextSibling()) {
            Node f = find(c, name);
            if (f != null) {
                return f;
            }
        }
        return null;
    }
}
