package dev.ampj.ops.motion;

import dev.ampj.sim.motion.MotionSummary;
import dev.ampj.sim.motion.ReferenceMotion;
import dev.ampj.sim.motion.formats.MotionFiles;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code amp motion inspect FILE [--json]}: reads and validates a reference motion file in any
 * supported format and reports frames, fps, duration, names, quaternion order, value ranges and
 * warnings. A file that fails validation exits 2 with one line naming file, entry and problem.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Describe a reference motion file (any supported format): frames, fps, duration, names, "
                + "quaternion order, value ranges, warnings. Exit 2 with one line on stderr if the file is invalid.")
public final class MotionInspectCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Motion file (.npz or amp-rsl-rl .npy); classpath:... for a bundled one.")
    String file;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Mixin
    MotionReadOptionsMixin read = new MotionReadOptionsMixin();

    @Override
    public Integer call() throws Exception {
        ReferenceMotion m = MotionFiles.read(file, read.toOptions());
        MotionSummary s = MotionSummary.of(m);
        PrintWriter out = spec.commandLine().getOut();
        out.print(json ? s.toJson() + "\n" : s.toText());
        out.flush();
        return 0;
    }
}
