package dev.ampj.actors.api;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueFactory;
import dev.ampj.actors.config.TrainingSettings;
import dev.ampj.actors.env.EnvFactory;
import dev.ampj.actors.env.EnvMirror;
import java.util.Arrays;
import java.util.List;

/**
 * {@code amp.actors.training.symmetry}: a new run of an env that declares its mirror trains with PPO
 * symmetry augmentation (rsl_rl's {@code use_data_augmentation}) on the env's maps, unless the
 * configuration gives its own maps. The maps are written into the run's configuration, so the
 * recorded config states them and resume, fork and replay need no env lookup.
 */
final class EnvSymmetry {

    static final String KEY = TrainingSettings.PATH + ".symmetry";
    private static final String PPO = "amp.learner.ppo.symmetry.";

    private EnvSymmetry() {}

    static Config apply(Config config, EnvFactory envs) {
        if (!config.getBoolean(KEY) || envs.mirror().isEmpty()) {
            return config;
        }
        for (String key : List.of("policy-obs-map", "critic-obs-map", "action-map")) {
            if (!config.getIntList(PPO + key).isEmpty()) {
                return config;
            }
        }
        EnvMirror m = envs.mirror().get();
        return config.withValue(PPO + "use-data-augmentation", ConfigValueFactory.fromAnyRef(true))
                .withValue(PPO + "policy-obs-map", list(m.policyObs()))
                .withValue(PPO + "critic-obs-map", list(m.criticObs()))
                .withValue(PPO + "action-map", list(m.actions()));
    }

    private static com.typesafe.config.ConfigValue list(int[] map) {
        return ConfigValueFactory.fromIterable(Arrays.stream(map).boxed().toList());
    }
}
