package dev.ampj.actors.config;

/**
 * The fixed shard → env-id mapping: shard {@code i} of {@code S} owns the contiguous block of global
 * env ids {@code [first(i), first(i) + count(i))}, blocks in shard order. Concatenating shard batches
 * in shard order therefore gives env-id order, whatever the shard count (DESIGN.md §4).
 */
public record ShardLayout(int numEnvs, int shards) {

    public ShardLayout {
        if (shards <= 0 || numEnvs < shards) {
            throw new IllegalArgumentException("cannot split " + numEnvs + " envs into " + shards + " shards");
        }
    }

    public int first(int shard) {
        return (int) ((long) shard * numEnvs / shards);
    }

    public int count(int shard) {
        return first(shard + 1) - first(shard);
    }

    /** Global env ids of shard {@code shard}, ascending. */
    public int[] envIds(int shard) {
        int[] ids = new int[count(shard)];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = first(shard) + i;
        }
        return ids;
    }
}
