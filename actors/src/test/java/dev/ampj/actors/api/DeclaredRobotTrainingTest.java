package dev.ampj.actors.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import dev.ampj.actors.config.RunConfig;
import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.testenv.TestRuns;
import dev.ampj.sim.gateway.DeclaredRobot;
import dev.ampj.sim.gateway.GatewayClients;
import dev.ampj.sim.gateway.PythonClients;
import dev.ampj.storage.RunStore;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.event.IterationCommitted;
import dev.ampj.storage.event.RunCreated;
import dev.ampj.storage.log.RunLogReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A robot the platform does not know, end to end through the gateway: the MuJoCo hopper example
 * (a Python process, {@code AMP_TEST_PYTHON}; 3 joints, its own observations and rewards) declares
 * itself in its HELLO; the run records the declaration, maps the hopper's reference clip (written by
 * the example) onto its joints, trains, repeats its digests on an identical run and resumes exactly.
 * A client that declares a joint the motion file lacks is refused with one error naming both.
 */
class DeclaredRobotTrainingTest {

    @TempDir
    Path tmp;

    @AfterEach
    void unbind() {
        GatewayClients.closeShared();
    }

    @Test
    void aDeclaredHopperTrainsRepeatsItsDigestsAndResumesExactly() throws Exception {
        String python = PythonClients.python();
        Path motion = writeMotion(python);
        RunStore store = new RunStore(StorageSettings.defaults(tmp.resolve("runs")));
        Trainer trainer = new Trainer(new DefaultComponents(), store);

        List<IterationCommitted> first = train(python, trainer, motion, "hopper", 3, List.of());
        String recorded = address; // resume connects where the run was created
        try (RunLogReader reader = store.openReader("hopper")) {
            RunCreated created = reader.runCreated();
            Config config = RunConfig.parse(created.config(), "hopper");
            DeclaredRobot robot = DeclaredRobot.fromRunConfig(config).orElseThrow();
            assertEquals(List.of("hip", "knee", "ankle"), robot.joints());
            assertEquals(List.of("torso", "thigh", "leg", "foot"), robot.bodies());
            assertEquals(3, robot.actionDim());
            assertEquals(14, robot.policy().dim(), "the hopper's own policy terms");
            assertEquals(List.of("forward_speed", "healthy", "control_cost"), robot.rewardTerms());
            assertEquals("hopper joints [hip, knee, ankle] bodies [torso, thigh, leg, foot]",
                    created.versions().get(ExternalEnvFactory.ROBOT));
            assertTrue(created.versions().get(ExternalEnvFactory.SIMULATOR).startsWith("mujoco-hopper mujoco "));
            assertEquals(ExternalEnvFactory.PLATFORM_STARTS, created.versions().get(ExternalEnvFactory.STARTS));
        }
        assertEquals(3L * 4 * 8, first.get(2).envSteps(), "the client's 4 envs are the run's");

        List<IterationCommitted> again = train(python, trainer, motion, "hopper-again", 3, List.of());
        for (int i = 0; i < 3; i++) {
            assertEquals(first.get(i).policyDigest(), again.get(i).policyDigest(), "iteration " + (i + 1));
            assertEquals(first.get(i).discriminatorDigest(), again.get(i).discriminatorDigest(), "iteration " + (i + 1));
        }

        // resume from the checkpoint at 2: iteration 3 re-executed through a new client and checked against the log
        Process client = client(python, "resume", List.of(), recorded);
        try {
            TestRuns.Recorder resumed = new TestRuns.Recorder();
            RunOutcome r;
            try (Session s = trainer.resume("hopper", new Trainer.Options(4L, null, resumed))) {
                r = s.await();
            }
            assertEquals(RunOutcome.Kind.FINISHED, r.kind(), r.message() + "\n" + Files.readString(tmp.resolve("resume.log")));
            assertEquals(List.of(4L), resumed.committed.stream().map(IterationCommitted::iteration).toList());
            assertEquals(1, resumed.verified.size(), "iteration 3 re-executed from checkpoint 2 and matched the log");
        } finally {
            stop(client);
        }
    }

    @Test
    void aDeclaredJointTheMotionFileLacksIsOneErrorNamingIt() throws Exception {
        String python = PythonClients.python();
        Path motion = writeMotion(python);
        Trainer trainer = new Trainer(new DefaultComponents(), new RunStore(StorageSettings.defaults(tmp.resolve("runs"))));
        Process client = client(python, "toe", List.of("--joints", "hip,knee,toe"), PythonClients.freeAddress());
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> trainer.train(config(address, motion, 2), "toe", new Trainer.Options(null, null, new TestRuns.Recorder())));
            assertTrue(e.getMessage().contains("missing [toe]") && e.getMessage().contains("hop.npz"), e.getMessage());
        } finally {
            stop(client);
        }
    }

    private String address;

    private List<IterationCommitted> train(String python, Trainer trainer, Path motion, String name, int iterations,
            List<String> clientArgs) throws Exception {
        Process client = client(python, name, clientArgs, PythonClients.freeAddress());
        try {
            TestRuns.Recorder rec = new TestRuns.Recorder();
            RunOutcome o;
            try (Session s = trainer.train(config(address, motion, iterations), name, new Trainer.Options(null, null, rec))) {
                o = s.await();
            }
            assertEquals(RunOutcome.Kind.FINISHED, o.kind(), o.message() + "\n" + Files.readString(tmp.resolve(name + ".log")));
            assertEquals(iterations, rec.committed.size());
            return rec.committed;
        } finally {
            stop(client);
        }
    }

    private static Config config(String address, Path motion, int iterations) {
        return TestRuns.config("amp.sim { engine = external, robot = hopper }\n"
                + "amp.sim.observations { amp-terms = [root_height, joint_pos, root_lin_vel_w, joint_vel], key-bodies = [foot] }\n"
                + "amp.motion.motion-files = [\"" + motion + "\"]\n"
                + "amp.gateway { address = \"" + address + "\", connect-timeout = 60s, step-timeout = 60s }\n"
                + "amp.actors.training { horizon = 8, iterations = " + iterations + ", checkpoint-every = 2 }");
    }

    private Process client(String python, String name, List<String> args, String at) throws IOException {
        address = at;
        List<String> cmd = new java.util.ArrayList<>(List.of(python, hopperClient().toString(), "--envs", "4", "--connect", address,
                "--idle-timeout", "120"));
        cmd.addAll(args);
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(tmp.resolve(name + ".log").toFile()).start();
    }

    private static void stop(Process client) throws InterruptedException {
        GatewayClients.closeShared();
        if (!client.waitFor(20, TimeUnit.SECONDS)) {
            client.destroyForcibly();
        }
    }

    private Path writeMotion(String python) throws Exception {
        Path out = tmp.resolve("hop.npz");
        Process p = new ProcessBuilder(python, hopperClient().toString(), "--write-motion", out.toString()).redirectErrorStream(true)
                .redirectOutput(tmp.resolve("motion.log").toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0, Files.readString(tmp.resolve("motion.log")));
        return out;
    }

    private static Path hopperClient() {
        return PythonClients.clientDir().resolve("examples/mujoco_hopper.py");
    }
}
