package dev.ampj.ops;

import com.typesafe.config.ConfigFactory;
import dev.ampj.ops.config.RunsDirOption;
import dev.ampj.storage.StorageSettings;
import dev.ampj.storage.registry.LineageNode;
import dev.ampj.storage.registry.RunRegistry;
import dev.ampj.storage.registry.RunStatus;
import dev.ampj.storage.registry.RunSummary;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code amp runs}: every run under the runs root, read from its event log only, as a lineage tree or JSON. */
@Command(name = "runs", mixinStandardHelpOptions = true,
        description = "List runs, their status, digests and lineage (read-only: never takes a writer lock).")
public final class RunsCommand implements Callable<Integer> {

    /** Exit code of {@code --verify} when a run's log is damaged. */
    static final int CORRUPT_FOUND = 1;

    @Option(names = "--json", description = "Print one JSON array (one object per run) instead of the table.")
    boolean json;

    @Option(names = "--verify", description = "Check every document's checksum (reads whole logs; damaged runs show as CORRUPT "
            + "and the exit code is 1).")
    boolean verify;

    @Mixin
    RunsDirOption runsDir;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        Path dir = runsDir.get() != null ? runsDir.get() : StorageSettings.fromConfig(ConfigFactory.load()).runsDir();
        RunRegistry registry = new RunRegistry(dir);
        List<RunSummary> runs = registry.list(verify);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(toJson(runs));
        } else if (runs.isEmpty()) {
            out.println("no runs under " + dir.toAbsolutePath().normalize());
        } else {
            printTable(out, RunRegistry.lineage(runs));
        }
        out.flush();
        List<String> corrupt = runs.stream().filter(r -> r.status() == RunStatus.CORRUPT).map(RunSummary::name).toList();
        if (verify && !corrupt.isEmpty()) {
            spec.commandLine().getErr().println("amp runs: " + corrupt.size() + " corrupt run" + (corrupt.size() == 1 ? "" : "s")
                    + ": " + String.join(", ", corrupt));
            spec.commandLine().getErr().flush();
            return CORRUPT_FOUND;
        }
        return 0;
    }

    /** The runs as one JSON array (also the dashboard's run list). */
    public static String toJson(List<RunSummary> runs) {
        StringBuilder b = new StringBuilder("[");
        for (int i = 0; i < runs.size(); i++) {
            RunSummary r = runs.get(i);
            b.append(i == 0 ? "" : ",").append('{')
                    .append("\"name\":").append(str(r.name()))
                    .append(",\"status\":").append(str(r.status().name()))
                    .append(",\"iterations\":").append(r.iterations())
                    .append(",\"target_iterations\":").append(r.targetIterations())
                    .append(",\"env_steps\":").append(r.envSteps())
                    .append(",\"policy_digest\":").append(r.policyDigest().isEmpty() ? "null" : str(r.policyDigest()))
                    .append(",\"discriminator_digest\":").append(r.discriminatorDigest().isEmpty() ? "null" : str(r.discriminatorDigest()))
                    .append(",\"parent\":").append(r.parent() == null ? "null" : str(r.parent()))
                    .append(",\"fork_iteration\":").append(r.forkIteration() < 0 ? "null" : Long.toString(r.forkIteration()))
                    .append(",\"created\":").append(r.createdMillis() > 0 ? str(Instant.ofEpochMilli(r.createdMillis()).toString()) : "null")
                    .append(",\"detail\":").append(str(r.detail()))
                    .append('}');
        }
        return b.append(']').toString();
    }

    private static String str(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    private static void printTable(PrintWriter out, List<LineageNode> roots) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"RUN (lineage)", "STATUS", "ITER", "ENV STEPS", "POLICY", "DISCRIMINATOR", "DETAIL"});
        for (LineageNode root : roots) {
            addRows(rows, root, "", "");
        }
        int[] width = new int[rows.get(0).length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(String.format("%-" + width[i] + "s", r[i])).append(i + 1 < r.length ? "  " : "");
            }
            out.println(line.toString().stripTrailing());
        }
    }

    private static void addRows(List<String[]> rows, LineageNode node, String prefix, String childPrefix) {
        RunSummary r = node.run();
        String name = prefix + r.name() + (r.parent() != null ? " @" + r.forkIteration() : "");
        rows.add(new String[] {name, r.status().name(), r.iterations() + "/" + r.targetIterations(), Long.toString(r.envSteps()),
                shortDigest(r.policyDigest()), shortDigest(r.discriminatorDigest()), r.detail()});
        for (int i = 0; i < node.children().size(); i++) {
            boolean last = i == node.children().size() - 1;
            addRows(rows, node.children().get(i), childPrefix + (last ? "└─ " : "├─ "), childPrefix + (last ? "   " : "│  "));
        }
    }

    private static String shortDigest(String d) {
        return d.isEmpty() ? "-" : d.substring(0, 12);
    }
}
