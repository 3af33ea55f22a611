package dev.ampj.actors.api;

import dev.ampj.actors.run.RunOutcome;
import dev.ampj.actors.testenv.TestRuns;
import java.nio.file.Path;

/** A training process for the crash test: trains run args[1] under runs dir args[0] to iteration args[2]; args[3] = "ostrich": the
 * built-in ostrich with observation noise, history and domain randomization on. */
public final class TrainChildMain {

    private TrainChildMain() {}

    public static void main(String[] args) {
        boolean ostrich = args.length > 3 && args[3].equals("ostrich");
        Trainer trainer = ostrich ? CrashResumeTest.ostrichTrainer(Path.of(args[0])) : TestRuns.trainer(Path.of(args[0]));
        RunOutcome o = trainer.train(TestRuns.config(ostrich ? CrashResumeTest.OSTRICH_NOISY : ""), args[1],
                new Trainer.Options(Long.parseLong(args[2]), null, null)).await();
        System.out.println("child outcome: " + o);
        System.exit(o.ok() ? 0 : 1);
    }
}
