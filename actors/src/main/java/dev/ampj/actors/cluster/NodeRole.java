package dev.ampj.actors.cluster;

import java.util.Locale;

/** What a cluster member does: the learner (runs' learner side, accepts runs) or a sim node (hosts shards). */
public enum NodeRole {
    LEARNER,
    SIM;

    /** The Pekko cluster role name. */
    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static NodeRole parse(String text) {
        for (NodeRole r : values()) {
            if (r.roleName().equals(text)) {
                return r;
            }
        }
        throw new IllegalArgumentException("--role '" + text + "': expected learner or sim");
    }
}
