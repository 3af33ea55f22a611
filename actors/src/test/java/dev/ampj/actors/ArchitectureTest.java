package dev.ampj.actors;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.ampj.actors.api.Trainer;
import dev.ampj.common.CounterRandom;
import dev.ampj.learner.AmpLearner;
import dev.ampj.sim.env.VecEnv;
import dev.ampj.storage.RunStore;
import java.net.URL;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The layering ARCHITECTURE.md describes, checked on the compiled main classes of every module on
 * the actors test classpath: storage, learner and sim-gateway know nothing of each other nor of
 * actors; inside actors each package only reaches down, so no package cycle can form. (ops, the
 * only module above actors, is kept off actors by the maven-enforcer rule in actors' pom.)
 */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        // Each module's classes from where they were loaded (target/classes or the module's jar):
        // scanning the whole classpath for dev.ampj would open every library jar.
        List<URL> modules = Stream.of(CounterRandom.class, RunStore.class, AmpLearner.class, VecEnv.class, Trainer.class)
                .map(c -> c.getProtectionDomain().getCodeSource().getLocation()).toList();
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importUrls(modules);
    }

    @Test
    void everyModuleIsImported() {
        for (String module : List.of("dev.ampj.common", "dev.ampj.storage", "dev.ampj.learner", "dev.ampj.sim",
                "dev.ampj.actors.api", "dev.ampj.actors.wire")) {
            assertTrue(classes.containPackage(module), module + " not imported");
        }
    }

    @Test
    void modulesAreLayered() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("common").definedBy("dev.ampj.common..")
                .layer("storage").definedBy("dev.ampj.storage..")
                .layer("learner").definedBy("dev.ampj.learner..")
                .layer("sim-gateway").definedBy("dev.ampj.sim..")
                .layer("actors").definedBy("dev.ampj.actors..")
                .whereLayer("actors").mayNotBeAccessedByAnyLayer()
                .whereLayer("storage").mayOnlyBeAccessedByLayers("actors")
                .whereLayer("learner").mayOnlyBeAccessedByLayers("actors")
                .whereLayer("sim-gateway").mayOnlyBeAccessedByLayers("actors")
                .check(classes);
    }

    @Test
    void actorsPackagesAreFreeOfCycles() {
        slices().matching("dev.ampj.actors.(*)..").should().beFreeOfCycles().check(classes);
    }

    /**
     * Top to bottom: the cluster node hosts runs; {@code api} is the run service the CLI calls;
     * {@code guardian} composes one run's actors; {@code run} drives iterations through the
     * {@code pipeline}'s coordinator, which sequences the {@code learn}, {@code shard} and
     * {@code telemetry} actors; these share {@code config}, {@code env}, {@code wire} and
     * {@code transport}.
     */
    @Test
    void actorsPackagesOnlyReachDown() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("cluster").definedBy("dev.ampj.actors.cluster..")
                .layer("api").definedBy("dev.ampj.actors.api..")
                .layer("eval").definedBy("dev.ampj.actors.eval..")
                .layer("guardian").definedBy("dev.ampj.actors.guardian..")
                .layer("metrics").definedBy("dev.ampj.actors.metrics..")
                .layer("run").definedBy("dev.ampj.actors.run..")
                .layer("pipeline").definedBy("dev.ampj.actors.pipeline..")
                .layer("stages").definedBy("dev.ampj.actors.learn..", "dev.ampj.actors.shard..",
                        "dev.ampj.actors.telemetry..")
                .layer("config").definedBy("dev.ampj.actors.config..")
                .layer("env").definedBy("dev.ampj.actors.env..")
                .layer("wire").definedBy("dev.ampj.actors.wire..")
                .layer("transport").definedBy("dev.ampj.actors.transport..")
                .whereLayer("cluster").mayNotBeAccessedByAnyLayer()
                .whereLayer("api").mayOnlyBeAccessedByLayers("cluster")
                .whereLayer("eval").mayOnlyBeAccessedByLayers("cluster", "api")
                .whereLayer("guardian").mayOnlyBeAccessedByLayers("cluster", "api")
                .whereLayer("metrics").mayOnlyBeAccessedByLayers("cluster", "api")
                .whereLayer("run").mayOnlyBeAccessedByLayers("cluster", "api", "guardian", "metrics")
                .whereLayer("pipeline").mayOnlyBeAccessedByLayers("cluster", "api", "guardian", "run")
                .whereLayer("stages").mayOnlyBeAccessedByLayers("cluster", "api", "guardian", "pipeline")
                .whereLayer("config").mayOnlyBeAccessedByLayers("cluster", "api", "guardian", "pipeline", "stages")
                .whereLayer("env").mayOnlyBeAccessedByLayers("cluster", "api", "eval", "guardian", "pipeline", "stages",
                        "config")
                .whereLayer("wire").mayOnlyBeAccessedByLayers("cluster", "api", "guardian", "run", "pipeline", "stages",
                        "config")
                .whereLayer("transport").mayOnlyBeAccessedByLayers("cluster", "api", "guardian", "pipeline", "stages",
                        "config")
                .check(classes);
    }
}
