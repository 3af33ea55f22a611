package dev.ampj.ops;

import com.typesafe.config.ConfigFactory;
import dev.ampj.ops.config.RunsDirOption;
import dev.ampj.ops.export.PolicyExport;
import dev.ampj.ops.export.ScalarExport;
import dev.ampj.ops.train.CommandSupport;
import dev.ampj.storage.RunStore;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code amp export}: a run's policy, its motion or its curves, in formats other tools read. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a run: its policy as ONNX (the deterministic actor with its observation normaliser), the policy's "
                + "motion (amp play's rollout of one env: its first episode) as BVH or Isaac Lab .npz, or its curves (one row per "
                + "committed iteration, under the TensorBoard tags) as CSV or JSON lines.")
public final class ExportCommand implements Callable<Integer> {

    /** What to write. */
    public enum Format {
        BVH("bvh"),
        NPZ("npz"),
        ONNX("onnx"),
        SCALARS_CSV("scalars-csv"),
        SCALARS_JSONL("scalars-jsonl");

        final String label;

        Format(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    @Parameters(index = "0", paramLabel = "RUN", description = "Run name.")
    String run;

    @Option(names = "--format", paramLabel = "FORMAT", required = true, converter = FormatConverter.class,
            description = "bvh | npz | onnx | scalars-csv | scalars-jsonl")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "File to write (required except for the scalars: default stdout).")
    Path out;

    @CommandLine.Mixin
    IterationOption iteration;

    @Option(names = "--seconds", paramLabel = "S", description = "bvh/npz: simulated seconds (default: ${DEFAULT-VALUE}).")
    double seconds = 10;

    @Option(names = "--command", paramLabel = "M_PER_S", description = "bvh/npz: commanded forward speed (default: the first "
            + "reference clip's mean speed).")
    Double command;

    @Option(names = "--no-progress", description = "No progress bar on stderr.")
    boolean noProgress;

    @Mixin
    RunsDirOption runsDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RunStore store = CommandSupport.store(ConfigFactory.load(), runsDir.get());
        if (format == Format.BVH || format == Format.NPZ || format == Format.ONNX) {
            if (out == null) {
                throw new IllegalArgumentException("--format " + format + " needs --out FILE");
            }
            Long at = iteration.resolve(store, run);
            PolicyExport.Written w = switch (format) {
                case ONNX -> PolicyExport.onnx(store, run, at, out, this::note);
                default -> PolicyExport.motion(store, run, at, format == Format.BVH, seconds, command, out, noProgress,
                        this::note);
            };
            spec.commandLine().getOut().println("wrote " + out.toAbsolutePath().normalize() + ": " + w.summary());
            spec.commandLine().getOut().flush();
            return 0;
        }
        PrintWriter target = out == null ? spec.commandLine().getOut() : open(out);
        try {
            switch (format) {
                case SCALARS_CSV -> ScalarExport.csv(store, run, target);
                case SCALARS_JSONL -> ScalarExport.jsonLines(store, run, target);
                default -> throw new IllegalStateException("not a scalar format: " + format);
            }
        } finally {
            if (out != null) {
                target.close();
            }
        }
        if (out != null) {
            spec.commandLine().getErr().println("amp: wrote " + out.toAbsolutePath().normalize());
        }
        return 0;
    }

    private void note(String line) {
        spec.commandLine().getErr().println(line);
        spec.commandLine().getErr().flush();
    }

    private static PrintWriter open(Path file) throws IOException {
        Path abs = file.toAbsolutePath();
        if (abs.getParent() != null) {
            Files.createDirectories(abs.getParent());
        }
        return new PrintWriter(Files.newBufferedWriter(abs, StandardCharsets.UTF_8));
    }

    /** Accepts the formats' labels ({@code scalars-csv}), naming them all on a mistake. */
    static final class FormatConverter implements CommandLine.ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            for (Format f : Format.values()) {
                if (f.label.equalsIgnoreCase(value)) {
                    return f;
                }
            }
            throw new CommandLine.TypeConversionException("unknown format '" + value + "'; expected one of "
                    + java.util.Arrays.toString(Format.values()));
        }
    }
}
