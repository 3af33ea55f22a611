package dev.ampj.actors.training;

import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.testenv.TestRuns;
import java.nio.file.Path;

/** A training process for the crash test: trains run args[1] under runs dir args[0] to iteration args[2]. */
public final class TrainChildMain {

    private TrainChildMain() {}

    public static void main(String[] args) {
        RunOutcome o = TestRuns.trainer(Path.of(args[0]))
                .train(TestRuns.config(""), args[1], new Trainer.Options(Long.parseLong(args[2]), null, null)).await();
        System.out.println("child outcome: " + o);
        System.exit(o.ok() ? 0 : 1);
    }
}
