package dev.ampj.ops;

import com.typesafe.config.ConfigFactory;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code amp export}: a run's curves or its policy in formats other tools read. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Export a run: its curves (one row per committed iteration, under the TensorBoard tags) as CSV or JSON lines.")
public final class ExportCommand implements Callable<Integer> {

    /** What to write. */
    public enum Format {
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
            description = "scalars-csv | scalars-jsonl")
    Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "File to write (default: stdout).")
    Path out;

    @Option(names = "--runs-dir", paramLabel = "DIR", description = "Runs root (default: amp.storage.runs-dir, ./runs).")
    Path runsDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        RunStore store = CommandSupport.store(ConfigFactory.load(), runsDir);
        PrintWriter target = out == null ? spec.commandLine().getOut() : open(out);
        try {
            switch (format) {
                case SCALARS_CSV -> ScalarExport.csv(store, run, target);
                case SCALARS_JSONL -> ScalarExport.jsonLines(store, run, target);
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
