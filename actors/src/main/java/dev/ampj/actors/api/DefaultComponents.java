package dev.ampj.actors.api;

import com.typesafe.config.Config;
import dev.ampj.actors.env.Components;
import dev.ampj.actors.env.EnvFactory;
import dev.ampj.actors.env.EnvMirror;
import dev.ampj.actors.env.ExpertMotion;
import dev.ampj.actors.env.ReferencePairs;
import dev.ampj.sim.env.AmpWindow;
import dev.ampj.sim.env.GaitCondition;
import dev.ampj.sim.env.ReferenceStateSampler;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.VecEnv;
import dev.ampj.sim.env.VecEnvSpec;
import dev.ampj.sim.gateway.DeclaredRobot;
import dev.ampj.sim.motion.ExpertPairSampler;
import dev.ampj.sim.motion.GaitConditions;
import dev.ampj.sim.motion.LibraryClip;
import dev.ampj.sim.motion.MotionLibrary;
import dev.ampj.sim.motion.MotionReferenceStates;
import dev.ampj.sim.motion.MotionSettings;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.ostrich.OstrichMirror;
import dev.ampj.sim.ostrich.OstrichRobot;
import dev.ampj.sim.robot.EngineId;
import dev.ampj.sim.task.VelocityTaskVecEnvs;
import dev.ampj.sim.terms.AmpObservation;
import dev.ampj.sim.terms.AmpTermRegistry;
import dev.ampj.sim.terms.FrameLayout;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The platform's built-in robot ({@code amp.sim}: the ode4j ostrich on its velocity task) and its
 * reference motion ({@code amp.motion}): expert AMP pairs through the same AMP observation terms as
 * the env, and reference-state initialisation when {@code amp.sim.init.reference-state-init > 0}.
 */
public final class DefaultComponents implements Components {

    @Override
    public EnvFactory envs(Config config) {
        SimSettings sim = SimSettings.fromConfig(config);
        if (SimSettings.ENGINE_EXTERNAL.equals(sim.engine())) {
            // SimSettings has refused an AMP history or a required gait condition: the simulator writes the AMP rows
            return new ExternalEnvFactory(config, sim, motionDigest(MotionSettings.fromConfig(config)),
                    layout -> {
                        MotionLibrary motion = library(config, sim, layout); // maps every file onto the robot's joints
                        return sim.init().referenceStateInit() > 0 ? new MotionReferenceStates(motion) : null;
                    });
        }
        if (!OstrichLayout.ROBOT.equals(sim.robot())) {
            throw new IllegalArgumentException("amp.sim.robot = " + sim.robot() + ": the built-in robot is " + OstrichLayout.ROBOT);
        }
        MotionLibrary library = sim.init().referenceStateInit() > 0 || sim.observations().ampGaitCondition() != GaitCondition.Mode.OFF
                ? library(config, sim) : null;
        ReferenceStateSampler sampler = sim.init().referenceStateInit() > 0 ? new MotionReferenceStates(library) : null;
        GaitCondition condition = gaitCondition(sim, library);
        VecEnvSpec spec = VelocityTaskVecEnvs.spec(sim, condition);
        String motion = motionDigest(MotionSettings.fromConfig(config));
        return new EnvFactory() {
            @Override
            public VecEnvSpec spec() {
                return spec;
            }

            @Override
            public VecEnv create(long seed, int[] globalEnvIds) {
                return VelocityTaskVecEnvs.create(sim, seed, globalEnvIds, sampler, condition);
            }

            @Override
            public Map<String, String> versions() {
                // The reference motion shapes the discriminator: a run re-executed on other clips diverges.
                EngineId engine = OstrichRobot.engineOf(sim);
                return Map.of(engine.name(), engine.version(), "reference-motion", motion,
                        VelocityTaskVecEnvs.TASK, VelocityTaskVecEnvs.REVISION);
            }

            @Override
            public java.util.Optional<EnvMirror> mirror() {
                java.util.Optional<int[]> policy = OstrichMirror.map(spec.policy());
                java.util.Optional<int[]> critic = OstrichMirror.map(spec.critic());
                java.util.Optional<int[]> ampObs = OstrichMirror.map(spec.amp());
                if (policy.isEmpty() || critic.isEmpty() || ampObs.isEmpty()) {
                    return java.util.Optional.empty();
                }
                return java.util.Optional.of(new EnvMirror(policy.get(), critic.get(), OstrichMirror.actionMap(), ampObs.get()));
            }

            @Override
            public Map<String, String> threads() {
                return Map.of("sim-threads", Integer.toString(sim.threads()));
            }
        };
    }

    @Override
    public ExpertMotion expert(Config config, VecEnvSpec spec, long seed) {
        SimSettings sim = SimSettings.fromConfig(config);
        AmpObservation amp = AmpTermRegistry.resolve(sim.observations().ampTerms(), sim.observations().keyBodies(),
                layout(config, sim));
        MotionLibrary library = library(config, sim);
        ExpertPairSampler sampler = new ExpertPairSampler(library, amp, window(sim, amp, gaitCondition(sim, library)), seed);
        return new ExpertMotion() {
            @Override
            public int dim() {
                return sampler.dim();
            }

            @Override
            public void sample(int n, float[] states, float[] nextStates) {
                sampler.sample(n, states, nextStates);
            }

            @Override
            public long position() {
                return sampler.position();
            }

            @Override
            public void seek(long position) {
                sampler.seek(position);
            }
        };
    }

    @Override
    public ReferencePairs reference(Config config, VecEnvSpec spec, long seed) {
        SimSettings sim = SimSettings.fromConfig(config);
        FrameLayout layout = layout(config, sim);
        AmpObservation amp = AmpTermRegistry.resolve(sim.observations().ampTerms(), sim.observations().keyBodies(), layout);
        MotionLibrary library = library(config, sim);
        AmpWindow window = window(sim, amp, gaitCondition(sim, library));
        new ExpertPairSampler(library, amp, window, seed); // validates every clip against the AMP observation, naming the file
        return pairs(library, amp, window, layout);
    }

    @Override
    public Optional<ReferencePairs> referenceWithDerivedVelocities(Config config, VecEnvSpec spec, long seed) {
        SimSettings sim = SimSettings.fromConfig(config);
        FrameLayout layout = layout(config, sim);
        MotionLibrary library = library(config, sim);
        if (!library.clips().stream().allMatch(LibraryClip::isKinematic)) {
            return Optional.empty();
        }
        AmpObservation amp = AmpTermRegistry.resolve(sim.observations().ampTerms(), sim.observations().keyBodies(), layout);
        return Optional.of(pairs(library.withVelocitiesFromPositions(), amp, window(sim, amp, gaitCondition(sim, library)), layout));
    }

    private static AmpWindow window(SimSettings sim, AmpObservation amp, GaitCondition condition) {
        return AmpWindow.of(amp.dim(), sim.observations().ampHistoryLength(), condition);
    }

    /**
     * Every clip's expert pairs in time order (from the first frame with a full window), each state
     * with its clip's gait condition appended.
     */
    private static ReferencePairs pairs(MotionLibrary library, AmpObservation amp, AmpWindow window, FrameLayout layout) {
        int d = window.dim();
        List<ReferencePairs.Clip> clips = new ArrayList<>();
        for (int c = 0; c < library.size(); c++) {
            LibraryClip clip = library.clips().get(c);
            int n = ExpertPairSampler.windowPairs(clip, window);
            if (clip.pairs() != null) {
                clips.add(new ReferencePairs.Clip(clip.source(), clip.pairs().states(), clip.pairs().nextStates(), n));
                continue;
            }
            float[] table = clip.isKinematic() ? ExpertPairSampler.clipStates(library, c, amp) : clip.states().states();
            float[] states = new float[n * d];
            float[] next = new float[n * d];
            for (int i = 0; i < n; i++) {
                window.writeReference(c, table, window.firstRow() + i, states, i);
                window.writeReference(c, table, window.firstRow() + i + 1, next, i);
            }
            clips.add(new ReferencePairs.Clip(clip.source(), states, next, n));
        }
        List<String> joints = amp.termNames().contains("joint_pos") ? layout.jointNames() : List.of();
        return new ReferencePairs(d, clips, joints);
    }

    @Override
    public MotionLibrary referenceMotion(Config config) {
        return library(config, SimSettings.fromConfig(config));
    }

    /** SHA-256 (first 16 hex digits) over the reference motion files' bytes and weights, in order. */
    static String motionDigest(MotionSettings motion) {
        java.security.MessageDigest sha = dev.ampj.common.Digests.sha256();
        for (String f : motion.motionFiles()) {
            sha.update(f.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try (java.io.InputStream in = open(f)) {
                byte[] buf = new byte[1 << 16];
                for (int n; (n = in.read(buf)) > 0; ) {
                    sha.update(buf, 0, n);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("amp.motion.motion-files: cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        sha.update(motion.weights().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return dev.ampj.common.Digests.hex(sha.digest()).substring(0, 16);
    }

    private static java.io.InputStream open(String location) throws IOException {
        if (location.startsWith(dev.ampj.sim.motion.formats.MotionFiles.CLASSPATH)) {
            String resource = location.substring(dev.ampj.sim.motion.formats.MotionFiles.CLASSPATH.length());
            java.io.InputStream in = DefaultComponents.class.getClassLoader().getResourceAsStream(resource);
            if (in == null) {
                throw new java.io.FileNotFoundException("no bundled motion " + resource);
            }
            return in;
        }
        return java.nio.file.Files.newInputStream(java.nio.file.Path.of(location));
    }

    /**
     * The gait condition of the AMP states: {@code amp.sim.observations.amp-gait-condition} true
     * requires it, auto takes it when every clip is kinematic (their speeds are known); never with an
     * external simulator, whose AMP rows carry none.
     */
    private static GaitCondition gaitCondition(SimSettings sim, MotionLibrary library) {
        if (SimSettings.ENGINE_EXTERNAL.equals(sim.engine())) {
            return GaitCondition.none(); // a required one was refused by SimSettings
        }
        return switch (sim.observations().ampGaitCondition()) {
            case ON -> GaitConditions.of(library);
            case AUTO -> library.clips().stream().allMatch(LibraryClip::isKinematic) ? GaitConditions.of(library) : GaitCondition.none();
            case OFF -> GaitCondition.none();
        };
    }

    /**
     * Libraries loaded by this instance, by settings and control step: an evaluation builds one
     * single-env factory per commanded speed, and each needs the clips (their speeds, for the gait
     * condition). Read-only once loaded, so shared.
     */
    private final Map<String, MotionLibrary> libraries = new java.util.LinkedHashMap<>(4, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, MotionLibrary> eldest) {
            return size() > 4;
        }
    };

    /**
     * The robot reference motion is mapped onto: the built-in ostrich, or the robot an external run's
     * first client declared (recorded in its configuration when the run was created).
     */
    private static FrameLayout layout(Config config, SimSettings sim) {
        if (OstrichLayout.ROBOT.equals(sim.robot())) {
            return OstrichLayout.LAYOUT;
        }
        return DeclaredRobot.fromRunConfig(config).map(DeclaredRobot::layout).orElseThrow(() -> new IllegalArgumentException(
                "amp.sim.robot = " + sim.robot() + " is declared by its external simulator, but the configuration holds no "
                        + DeclaredRobot.PATH + " (a run records it from its first client's HELLO)"));
    }

    private MotionLibrary library(Config config, SimSettings sim) {
        return library(config, sim, layout(config, sim));
    }

    private MotionLibrary library(Config config, SimSettings sim, FrameLayout layout) {
        MotionSettings motion = MotionSettings.fromConfig(config);
        String key = motion + "@" + sim.controlDt() + "@" + layout;
        synchronized (libraries) {
            MotionLibrary cached = libraries.get(key);
            if (cached != null) {
                return cached;
            }
        }
        MotionLibrary loaded = load(motion, sim, layout);
        synchronized (libraries) {
            libraries.put(key, loaded);
        }
        return loaded;
    }

    private static MotionLibrary load(MotionSettings motion, SimSettings sim, FrameLayout layout) {
        if (motion.motionFiles().isEmpty()) {
            throw new IllegalArgumentException("amp.motion.motion-files is empty: the discriminator needs reference motion "
                    + "(give --set amp.motion.motion-files=[...] or a --config file)");
        }
        try {
            return MotionLibrary.load(motion, layout, sim.controlDt());
        } catch (IOException e) {
            throw new IllegalArgumentException("amp.motion.motion-files " + motion.motionFiles() + ": " + e.getMessage(), e);
        }
    }
}
