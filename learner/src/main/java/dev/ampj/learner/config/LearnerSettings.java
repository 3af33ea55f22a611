package dev.ampj.learner.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.util.Set;

/**
 * Everything under {@code amp.learner}, read once and validated. {@code inferenceMicroBatch} is
 * {@link #AUTO} until {@link #withShardEnvs} resolves it from the run's shard size.
 */
public record LearnerSettings(
        DeviceSetting device,
        int torchThreads,
        int torchInteropThreads,
        int inferenceMicroBatch,
        PolicySettings policy,
        PpoSettings ppo,
        DiscriminatorSettings discriminator,
        StyleRewardSettings styleReward) {

    public static final String PATH = "amp.learner";

    /** {@code inference-micro-batch = auto}: the envs of one shard, set by {@link #withShardEnvs}. */
    public static final int AUTO = 0;

    static final Set<String> KEYS = Set.of("device", "torch-threads", "torch-interop-threads", "inference-micro-batch",
            "policy", "ppo", "discriminator", "style-reward");

    /** Reads {@code amp.learner} from {@code config} (resolved, with the reference defaults underneath). */
    public static LearnerSettings fromConfig(Config config) {
        StrictConfig c = new StrictConfig(config, PATH, KEYS);
        return new LearnerSettings(
                DeviceSetting.parse(c.oneOf("device", "auto", "cpu", "cuda")),
                c.positiveInt("torch-threads"),
                c.positiveInt("torch-interop-threads"),
                c.positiveIntOrAuto("inference-micro-batch"),
                PolicySettings.read(c.section("policy", PolicySettings.KEYS)),
                PpoSettings.read(c.section("ppo", PpoSettings.KEYS)),
                DiscriminatorSettings.read(c.section("discriminator", DiscriminatorSettings.KEYS)),
                StyleRewardSettings.read(c.section("style-reward", StyleRewardSettings.KEYS)));
    }

    /** The reference defaults ({@code reference.conf}). */
    public static LearnerSettings defaults() {
        return fromConfig(ConfigFactory.defaultReference());
    }

    /**
     * These settings with {@code inference-micro-batch = auto} resolved to {@code envsPerShard} (the
     * largest shard's env count: one inference call per shard step); a configured number is kept.
     */
    public LearnerSettings withShardEnvs(int envsPerShard) {
        if (envsPerShard <= 0) {
            throw new IllegalArgumentException("envs per shard: " + envsPerShard + ", expected > 0");
        }
        return inferenceMicroBatch != AUTO ? this
                : new LearnerSettings(device, torchThreads, torchInteropThreads, envsPerShard, policy, ppo, discriminator,
                        styleReward);
    }

    public LearnerSettings withPolicy(PolicySettings p) {
        return new LearnerSettings(device, torchThreads, torchInteropThreads, inferenceMicroBatch, p, ppo, discriminator, styleReward);
    }

    public LearnerSettings withPpo(PpoSettings p) {
        return new LearnerSettings(device, torchThreads, torchInteropThreads, inferenceMicroBatch, policy, p, discriminator, styleReward);
    }

    public LearnerSettings withDiscriminator(DiscriminatorSettings d) {
        return new LearnerSettings(device, torchThreads, torchInteropThreads, inferenceMicroBatch, policy, ppo, d, styleReward);
    }

    public LearnerSettings withStyleReward(StyleRewardSettings s) {
        return new LearnerSettings(device, torchThreads, torchInteropThreads, inferenceMicroBatch, policy, ppo, discriminator, s);
    }
}
