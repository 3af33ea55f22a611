package dev.ampj.actors.training;

import com.typesafe.config.Config;
import dev.ampj.sim.env.ReferenceStateSampler;
import dev.ampj.sim.env.SimSettings;
import dev.ampj.sim.env.VecEnv;
import dev.ampj.sim.env.VecEnvSpec;
import dev.ampj.sim.motion.ExpertPairSampler;
import dev.ampj.sim.motion.MotionLibrary;
import dev.ampj.sim.motion.MotionReferenceStates;
import dev.ampj.sim.motion.MotionSettings;
import dev.ampj.sim.ostrich.OstrichLayout;
import dev.ampj.sim.robot.OdeEngine;
import dev.ampj.sim.task.VelocityTaskVecEnvs;
import dev.ampj.sim.terms.AmpObservation;
import dev.ampj.sim.terms.AmpTermRegistry;
import java.io.IOException;
import java.util.Map;

/**
 * The platform's built-in robot ({@code amp.sim}: the ode4j ostrich on its velocity task) and its
 * reference motion ({@code amp.motion}): expert AMP pairs through the same AMP observation terms as
 * the env, and reference-state initialisation when {@code amp.sim.init.reference-state-init > 0}.
 */
public final class DefaultComponents implements Components {

    @Override
    public EnvFactory envs(Config config) {
        SimSettings sim = SimSettings.fromConfig(config);
        if (!OstrichLayout.ROBOT.equals(sim.robot())) {
            throw new IllegalArgumentException("amp.sim.robot = " + sim.robot() + ": the built-in robot is " + OstrichLayout.ROBOT);
        }
        ReferenceStateSampler sampler = sim.init().referenceStateInit() > 0
                ? new MotionReferenceStates(library(config, sim)) : null;
        VecEnvSpec spec = VelocityTaskVecEnvs.spec(sim);
        return new EnvFactory() {
            @Override
            public VecEnvSpec spec() {
                return spec;
            }

            @Override
            public VecEnv create(long seed, int[] globalEnvIds) {
                return VelocityTaskVecEnvs.create(sim, seed, globalEnvIds, sampler);
            }

            @Override
            public Map<String, String> versions() {
                return Map.of(OdeEngine.NAME, OdeEngine.VERSION);
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
                OstrichLayout.LAYOUT);
        ExpertPairSampler sampler = new ExpertPairSampler(library(config, sim), amp, seed);
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

    private static MotionLibrary library(Config config, SimSettings sim) {
        MotionSettings motion = MotionSettings.fromConfig(config);
        if (motion.motionFiles().isEmpty()) {
            throw new IllegalArgumentException("amp.motion.motion-files is empty: the discriminator needs reference motion "
                    + "(give --set amp.motion.motion-files=[...] or a --config file)");
        }
        try {
            return MotionLibrary.load(motion, OstrichLayout.LAYOUT, sim.controlDt());
        } catch (IOException e) {
            throw new IllegalArgumentException("amp.motion.motion-files " + motion.motionFiles() + ": " + e.getMessage(), e);
        }
    }
}
