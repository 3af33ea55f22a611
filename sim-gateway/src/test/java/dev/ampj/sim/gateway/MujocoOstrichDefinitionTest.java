package dev.ampj.sim.gateway;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.ostrich.OstrichGeometry;
import dev.ampj.sim.ostrich.OstrichLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The MuJoCo ostrich (examples/ostrich.xml and the constants of mujoco_ostrich.py) is the embedded
 * robot: geometry, masses and joint order from {@link OstrichGeometry} and {@link OstrichLayout},
 * actuation, resets, rewards and terminations from the defaults of {@code amp.sim}.
 */
class MujocoOstrichDefinitionTest {

    static final double EPS = 1e-12;

    @TempDir
    Path tmp;

    private static Element byName(Document d, String tag, String name) {
        NodeList l = d.getElementsByTagName(tag);
        for (int i = 0; i < l.getLength(); i++) {
            Element e = (Element) l.item(i);
            if (name.equals(e.getAttribute("name"))) {
                return e;
            }
        }
        throw new AssertionError("ostrich.xml has no " + tag + " named " + name);
    }

    private static double[] nums(Element e, String attr) {
        String[] parts = e.getAttribute(attr).trim().split("\\s+");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i]);
        }
        return out;
    }

    @Test
    void theMjcfHasTheEmbeddedRobotsGeometry() throws Exception {
        Document d = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(PythonClients.clientDir().resolve("examples/ostrich.xml").toFile());
        SimSettings s = SimSettings.defaults();
        assertEquals(s.dt(), Double.parseDouble(((Element) d.getElementsByTagName("option").item(0)).getAttribute("timestep")), EPS);

        Element torso = byName(d, "geom", "torso");
        assertArrayEquals(half(OstrichGeometry.TORSO_SIZE), nums(torso, "size"), EPS);
        assertEquals(OstrichGeometry.TORSO_MASS, nums(torso, "mass")[0], EPS);
        List<String> joints = new ArrayList<>();
        NodeList all = d.getElementsByTagName("joint");
        for (int i = 0; i < all.getLength(); i++) {
            Element j = (Element) all.item(i);
            if (j.getAttribute("type").equals("hinge") && !j.getAttribute("name").equals("rooty")) {
                joints.add(j.getAttribute("name"));
                assertArrayEquals(new double[] {0, 1, 0}, nums(j, "axis"), EPS, "pitch hinge about +y");
            }
        }
        assertEquals(OstrichLayout.JOINTS, joints, "joint order = action order");
        for (int b = 1; b < OstrichLayout.BODIES.size(); b++) {
            String name = OstrichLayout.BODIES.get(b);
            // MJCF body frames sit at their joint, the definition's anchors are relative to the parent's centre of mass
            double[] anchor = OstrichGeometry.ANCHOR_IN_PARENT[b].clone();
            int parent = OstrichGeometry.PARENT[b];
            for (int k = 0; parent > 0 && k < 3; k++) {
                anchor[k] += OstrichGeometry.COM_FROM_ANCHOR[parent][k];
            }
            assertArrayEquals(anchor, nums(byName(d, "body", name), "pos"), EPS, name + " anchor");
            Element g = byName(d, "geom", name);
            if (name.endsWith("foot")) {
                assertArrayEquals(OstrichGeometry.FOOT_FROM_ANKLE, nums(g, "pos"), EPS);
                assertArrayEquals(half(OstrichGeometry.FOOT_SIZE), nums(g, "size"), EPS);
                assertEquals(OstrichGeometry.FOOT_MASS, nums(g, "mass")[0], EPS);
            } else {
                boolean thigh = name.endsWith("thigh");
                double length = thigh ? OstrichGeometry.THIGH_LENGTH : OstrichGeometry.SHIN_LENGTH;
                double r = thigh ? OstrichGeometry.THIGH_RADIUS : OstrichGeometry.SHIN_RADIUS;
                // the capsule spans joint to joint with its caps, as the embedded engines build it (cylinder = length - 2 r)
                assertArrayEquals(new double[] {0, 0, -r, 0, 0, -(length - r)}, nums(g, "fromto"), 1e-9, name);
                assertEquals(r, nums(g, "size")[0], EPS);
                assertEquals(thigh ? OstrichGeometry.THIGH_MASS : OstrichGeometry.SHIN_MASS, nums(g, "mass")[0], EPS);
            }
            assertEquals(OstrichGeometry.FRICTION, nums(g.getAttribute("friction").isEmpty() ? byName(d, "geom", "floor") : g,
                    "friction")[0], EPS);
        }
    }

    @Test
    void theClientsTaskConstantsAreTheDefaults() throws Exception {
        Path log = tmp.resolve("constants.log");
        Process p = PythonClients.start(log, "tests/print_ostrich_constants.py");
        String out = PythonClients.finish(p, log, 60);
        assertEquals(0, p.exitValue(), out);
        Config c = ConfigFactory.parseString(out.substring(out.indexOf('{')));
        SimSettings s = SimSettings.defaults();
        assertList(s.pd().kp(), c, "KP");
        assertList(s.pd().kd(), c, "KD");
        assertList(s.pd().torqueLimit(), c, "TORQUE_LIMIT");
        assertArrayEquals(OstrichGeometry.JOINT_LO, arr(c, "JOINT_LO"), EPS);
        assertArrayEquals(OstrichGeometry.JOINT_HI, arr(c, "JOINT_HI"), EPS);
        assertArrayEquals(OstrichLayout.DEFAULT_JOINT_POS, arr(c, "DEFAULT_JOINT_POS"), EPS);
        assertArrayEquals(OstrichGeometry.LIMIT_STIFFNESS, java.util.Arrays.copyOf(arr(c, "LIMIT_STIFFNESS"), 3), EPS);
        assertArrayEquals(OstrichGeometry.LIMIT_DAMPING, java.util.Arrays.copyOf(arr(c, "LIMIT_DAMPING"), 3), EPS);
        assertEquals(s.dt(), c.getDouble("DT"), EPS);
        assertEquals(s.decimation(), c.getInt("DECIMATION"));
        assertEquals(s.episodeLengthS(), c.getDouble("EPISODE_S"), EPS);
        assertEquals(s.actionScale(), c.getDouble("ACTION_SCALE"), EPS);
        assertEquals(s.actionClip(), c.getDouble("ACTION_CLIP"), EPS);
        assertEquals(s.init().jointPosNoise(), c.getDouble("NOISE_JOINT_POS"), EPS);
        assertEquals(s.init().jointVelNoise(), c.getDouble("NOISE_JOINT_VEL"), EPS);
        assertEquals(s.init().rootLinVelNoise(), c.getDouble("NOISE_ROOT_VEL"), EPS);
        assertArrayEquals(new double[] {s.command().linVelXMin(), s.command().linVelXMax()}, arr(c, "COMMAND"), EPS);
        assertEquals(s.terminations().minTorsoHeight(), c.getDouble("MIN_TORSO_HEIGHT"), EPS);
        assertEquals(s.terminations().maxTorsoPitch(), c.getDouble("MAX_TORSO_PITCH"), EPS);
        SimSettings.Rewards r = s.rewards();
        assertArrayEquals(new double[] {r.trackLinVelX(), r.alive(), r.upright(), r.actionRate(), r.jointTorque(), r.energy(),
            r.jointPosLimits()}, arr(c, "REWARD_WEIGHTS"), EPS);
        // the client's joint_pos_limits term counts every joint at the robot's own limits
        assertEquals(1.0, r.softJointPosLimitFactor(), 0.0);
        assertEquals(SimSettings.Rewards.ALL_JOINTS, r.jointPosLimitsJoints());
        assertEquals(r.trackingSigma(), c.getDouble("TRACKING_SIGMA"), EPS);
    }

    private static void assertList(List<Double> legs, Config c, String key) {
        double[] got = arr(c, key);
        for (int j = 0; j < 6; j++) {
            assertEquals(legs.get(j % 3), got[j], EPS, key + "[" + j + "]");
        }
    }

    private static double[] arr(Config c, String key) {
        return c.getDoubleList(key).stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static double[] half(double[] size) {
        double[] h = new double[size.length];
        for (int i = 0; i < size.length; i++) {
            h[i] = size[i] / 2;
        }
        return h;
    }
}
