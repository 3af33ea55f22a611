package dev.ampj.ops.playback;

import dev.ampj.sim.terms.KinematicFrame;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The frames of {@code amp render}: the policy on the left, the reference clip on the right, each
 * panel's camera following its own torso, with labels and the time. Drawn straight into an 8-colour
 * indexed image (no dithering, small GIFs).
 */
public final class SideBySide {

    public static final int PANEL_WIDTH = 360;
    public static final int HEIGHT = 300;
    private static final double PIXELS_PER_METRE = 170;

    private static final Color BACKGROUND = Color.WHITE;
    private static final Color TEXT = new Color(40, 40, 40);
    private static final Color GROUND = new Color(150, 150, 150);
    private static final Color POLICY = new Color(31, 119, 180);
    private static final Color POLICY_FAR = new Color(158, 202, 225);
    private static final Color REFERENCE = new Color(214, 96, 20);
    private static final Color REFERENCE_FAR = new Color(250, 190, 140);
    private static final Color DIVIDER = new Color(220, 220, 220);
    private static final IndexColorModel PALETTE = palette(BACKGROUND, TEXT, GROUND, POLICY, POLICY_FAR, REFERENCE, REFERENCE_FAR,
            DIVIDER);

    private SideBySide() {}

    /**
     * One image per entry of {@code policy}; {@code reference[i]} is drawn beside {@code policy[i]}.
     * {@code seconds[i]} is the time shown.
     */
    public static List<BufferedImage> frames(KinematicFrame[] policy, KinematicFrame[] reference, double[] seconds,
            String policyLabel, String referenceLabel) {
        List<BufferedImage> out = new ArrayList<>();
        for (int i = 0; i < policy.length; i++) {
            BufferedImage image = new BufferedImage(2 * PANEL_WIDTH, HEIGHT, BufferedImage.TYPE_BYTE_INDEXED, PALETTE);
            Graphics2D g = image.createGraphics();
            g.setColor(BACKGROUND);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            panel(g, 0, policy[i], POLICY, POLICY_FAR, policyLabel, seconds[i]);
            panel(g, PANEL_WIDTH, reference[i], REFERENCE, REFERENCE_FAR, referenceLabel, seconds[i]);
            g.setColor(DIVIDER);
            g.drawLine(PANEL_WIDTH, 0, PANEL_WIDTH, HEIGHT);
            g.dispose();
            out.add(image);
        }
        return out;
    }

    private static void panel(Graphics2D g, int x0, KinematicFrame f, Color near, Color far, String label, double t) {
        StickFigure.View view = new StickFigure.View(x0 + PANEL_WIDTH / 2, HEIGHT - 50, PIXELS_PER_METRE, f.rootPos[0]);
        g.setClip(x0, 0, PANEL_WIDTH, HEIGHT);
        StickFigure.ground(g, view, x0, x0 + PANEL_WIDTH, GROUND);
        StickFigure.draw(g, f, view, near, far);
        g.setColor(TEXT);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 13));
        g.drawString(label, x0 + 10, 20);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        g.drawString(String.format(Locale.ROOT, "t = %.2f s   x = %.2f m", t, f.rootPos[0]), x0 + 10, HEIGHT - 14);
        g.setClip(null);
    }

    private static IndexColorModel palette(Color... colors) {
        byte[] r = new byte[colors.length];
        byte[] gr = new byte[colors.length];
        byte[] b = new byte[colors.length];
        for (int i = 0; i < colors.length; i++) {
            r[i] = (byte) colors[i].getRed();
            gr[i] = (byte) colors[i].getGreen();
            b[i] = (byte) colors[i].getBlue();
        }
        return new IndexColorModel(8, colors.length, r, gr, b);
    }
}
