package dev.ampj.ops.config;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** {@code --config FILE} and {@code --set KEY=VALUE}: the options of every command that reads the configuration. */
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "HOCON file over the reference configuration.")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one key (repeatable), e.g. --set amp.learner.style-reward.task-reward-lerp=0.5")
    List<String> sets = new ArrayList<>();

    /** Reference defaults + {@code --config} + {@code --set}, validated ({@link AmpConfig#load}). */
    public Config load() {
        return AmpConfig.load(file, sets);
    }
}
