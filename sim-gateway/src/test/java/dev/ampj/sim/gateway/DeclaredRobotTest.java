package dev.ampj.sim.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.VecEnvSpec;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A robot declared in a HELLO: parsed, turned into a spec by the term registry, recorded, and held to. */
class DeclaredRobotTest {

    private static final String HOPPER = """
            {"protocol": 1, "token": "", "simulator": {"name": "test", "version": "1"}, "robot": "hopper",
             "joints": ["hip", "knee", "ankle"], "bodies": ["torso", "thigh", "leg", "foot"], "default_joint_pos": [0, 0.1, 0],
             "num_envs": 2,
             "observations": {"policy": [{"name": "a", "dim": 4}], "critic": [{"name": "a", "dim": 4}, {"name": "b", "dim": 1}]},
             "amp": [{"name": "root_height", "dim": 1}, {"name": "joint_pos", "dim": 3}, {"name": "joint_vel", "dim": 3}],
             "reward_terms": ["forward", "alive"], "action": {"dim": 3, "low": [-1, -1, -1], "high": [1, 1, 1]},
             "control_dt": 0.02, "max_episode_steps": 1000, "capabilities": {"snapshot": true, "reference_state_reset": true}}
            """;

    private static SimSettings sim() {
        return SimSettings.fromConfig(ConfigFactory.parseString("amp.sim { engine = external, robot = hopper }\n"
                + "amp.sim.observations { amp-terms = [root_height, joint_pos, joint_vel], key-bodies = [foot] }")
                .withFallback(ConfigFactory.defaultReference()).resolve());
    }

    private static Config hello(String json) {
        return Hello.json(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aHelloDeclaresTheRobotAndTheRegistryGivesItsAmpGroup() {
        DeclaredRobotContract contract = new DeclaredRobotContract(sim(), "external", null);
        Config c = hello(HOPPER);
        VecEnvSpec spec = contract.specFor(c);
        Hello h = Hello.check(c, spec, "");
        contract.admitted(c);
        assertEquals(2, h.numEnvs());
        assertEquals(7, spec.ampDim());
        assertEquals(3, spec.actionDim());
        assertEquals(4, spec.policyDim());
        assertEquals(List.of("forward", "alive"), spec.rewardTerms());
        assertEquals(19, contract.startWidth(), "13 + 2 x 3 joints");
        assertEquals(0.1, contract.robot().layout().defaultJointPos()[1]);
    }

    @Test
    void theRecordedDeclarationRoundTripsThroughTheRunConfig() {
        DeclaredRobot robot = DeclaredRobot.fromHello(hello(HOPPER));
        Config recorded = robot.recordIn(ConfigFactory.empty());
        assertEquals(robot, DeclaredRobot.fromRunConfig(ConfigFactory.parseString(recorded.root().render())).orElseThrow());
    }

    @Test
    void aLaterClientMustDeclareTheRecordedRobot() {
        DeclaredRobot robot = DeclaredRobot.fromHello(hello(HOPPER));
        DeclaredRobotContract contract = new DeclaredRobotContract(sim(), "external", robot);
        GatewayProtocolException e = assertThrows(GatewayProtocolException.class,
                () -> contract.specFor(hello(HOPPER.replace("\"ankle\"", "\"toe\""))));
        assertTrue(e.getMessage().startsWith("HELLO joints of robot hopper: got [hip, knee, toe], expected [hip, knee, ankle]"),
                e.getMessage());
    }

    @Test
    void anUndeclaredLayoutOrAnUnknownKeyBodyIsOneErrorNamingIt() {
        DeclaredRobotContract contract = new DeclaredRobotContract(sim(), "external", null);
        GatewayProtocolException missing = assertThrows(GatewayProtocolException.class,
                () -> contract.specFor(hello(HOPPER.replace("\"joints\"", "\"joint_names\""))));
        assertTrue(missing.getMessage().contains("joints and bodies (names) are required"), missing.getMessage());
        GatewayProtocolException body = assertThrows(GatewayProtocolException.class,
                () -> contract.specFor(hello(HOPPER.replace("\"foot\"]", "\"sole\"]"))));
        assertTrue(body.getMessage().contains("unknown body 'foot' of robot hopper"), body.getMessage());
        GatewayProtocolException robot = assertThrows(GatewayProtocolException.class,
                () -> contract.specFor(hello(HOPPER.replace("\"hopper\"", "\"walker\""))));
        assertEquals("HELLO robot: got walker, expected hopper (amp.sim.robot)", robot.getMessage());
    }

    @Test
    void anotherRobotNeedsTheExternalEngine() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SimSettings.fromConfig(
                ConfigFactory.parseString("amp.sim.robot = hopper").withFallback(ConfigFactory.defaultReference()).resolve()));
        assertTrue(e.getMessage().contains("set amp.sim.engine = \"external\""), e.getMessage());
    }
}
