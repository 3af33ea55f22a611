package dev.ampj.actors.testenv;

import com.typesafe.config.Config;
import dev.ampj.actors.env.Components;
import dev.ampj.actors.env.EnvFactory;
import dev.ampj.actors.env.ExpertMotion;
import dev.ampj.common.CounterRandom;
import dev.ampj.sim.env.VecEnv;
import dev.ampj.sim.env.VecEnvSpec;
import java.util.Map;

/** Point-mass envs and a synthetic reference motion (a circle at unit speed) for the pipeline tests. */
public final class PointMassComponents implements Components {

    @Override
    public EnvFactory envs(Config config) {
        return new EnvFactory() {
            @Override
            public VecEnvSpec spec() {
                return PointMassEnv.SPEC;
            }

            @Override
            public VecEnv create(long seed, int[] globalEnvIds) {
                return new PointMassEnv(seed, globalEnvIds);
            }

            @Override
            public Map<String, String> versions() {
                return Map.of("point-mass", "1");
            }

            @Override
            public Map<String, String> threads() {
                return Map.of("sim-threads", "1");
            }
        };
    }

    @Override
    public ExpertMotion expert(Config config, VecEnvSpec spec, long seed) {
        return new ExpertMotion() {
            private final long key = CounterRandom.key(seed, "point-mass-expert");
            private long position;

            @Override
            public int dim() {
                return 4;
            }

            @Override
            public void sample(int n, float[] s, float[] next) {
                for (int i = 0; i < n; i++) {
                    double phase = 2 * Math.PI * CounterRandom.uniform(key, position++);
                    double dphi = 0.1;
                    fill(s, i, phase);
                    fill(next, i, phase + dphi);
                }
            }

            private void fill(float[] out, int i, double phi) {
                out[4 * i] = (float) Math.cos(phi);
                out[4 * i + 1] = (float) Math.sin(phi);
                out[4 * i + 2] = (float) -Math.sin(phi);
                out[4 * i + 3] = (float) Math.cos(phi);
            }

            @Override
            public long position() {
                return position;
            }

            @Override
            public void seek(long p) {
                position = p;
            }
        };
    }
}
