package dev.ampj.learner.state;

import dev.ampj.learner.AmpLearner;
import dev.ampj.learner.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;

/** Run in a fresh JVM by {@link ForkedRestoreTest}: restore a state file, run iterations from..to-1, print the digests. */
public final class RestoreContinueMain {

    public static void main(String[] args) throws Exception {
        byte[] state = Files.readAllBytes(Path.of(args[0]));
        int from = Integer.parseInt(args[1]);
        int to = Integer.parseInt(args[2]);
        try (AmpLearner learner = AmpLearner.restore(Fixtures.small(), state)) {
            for (int k = from; k < to; k++) {
                Fixtures.iterate(learner, k);
            }
            System.out.println("DIGESTS " + Fixtures.digests(learner));
        }
    }
}
