package dev.ampj.storage.registry;

import java.util.List;

/** A run and the runs forked from it, ordered by fork iteration then name. */
public record LineageNode(RunSummary run, List<LineageNode> children) {
    public LineageNode {
        children = List.copyOf(children);
    }
}
