package dev.ampj.storage.registry;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds the fork tree of runs: roots are fresh runs and forks whose parent is not listed;
 * children are ordered by fork iteration, then name.
 */
public final class Lineage {

    private Lineage() {}

    public static List<LineageNode> forest(List<RunSummary> runs) {
        Map<String, RunSummary> byName = new LinkedHashMap<>();
        runs.forEach(r -> byName.put(r.name(), r));
        Map<String, List<RunSummary>> children = new LinkedHashMap<>();
        List<RunSummary> roots = new ArrayList<>();
        for (RunSummary r : runs) {
            if (r.parent() != null && byName.containsKey(r.parent()) && !r.parent().equals(r.name())) {
                children.computeIfAbsent(r.parent(), k -> new ArrayList<>()).add(r);
            } else {
                roots.add(r);
            }
        }
        List<LineageNode> out = new ArrayList<>();
        for (RunSummary root : roots) {
            out.add(node(root, children, 0));
        }
        return out;
    }

    private static LineageNode node(RunSummary run, Map<String, List<RunSummary>> children, int depth) {
        if (depth > 10_000) {
            throw new IllegalStateException("lineage deeper than 10,000 at run '" + run.name() + "' (a cycle?)");
        }
        List<LineageNode> kids = new ArrayList<>();
        children.getOrDefault(run.name(), List.of()).stream()
                .sorted(Comparator.comparingLong(RunSummary::forkIteration).thenComparing(RunSummary::name))
                .forEach(k -> kids.add(node(k, children, depth + 1)));
        return new LineageNode(run, kids);
    }
}
