package dev.ampj.ops.probe;

import dev.ampj.storage.telemetry.TelemetryBatch;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.TreeMap;

/**
 * Each env's last {@code steps} records (style reward, task reward, discriminator score), for
 * ranking envs by their recent style reward. Means are summed over the ring in age order, so a
 * ranking does not depend on when the probe started summing.
 */
final class StyleWindow {

    /** An env's means over its window. */
    record EnvMeans(int env, int steps, double style, double task, double score) {}

    private final int steps;
    private final TreeMap<Integer, Ring> byEnv = new TreeMap<>(); // ordered by env id

    StyleWindow(int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("--window must be >= 1 step, got " + steps);
        }
        this.steps = steps;
    }

    int steps() {
        return steps;
    }

    int envs() {
        return byEnv.size();
    }

    void add(TelemetryBatch b, int i) {
        byEnv.computeIfAbsent(b.envIds()[i], k -> new Ring(steps))
                .add(b.styleReward()[i], b.taskReward()[i], b.discriminatorScore()[i]);
    }

    /** The {@code n} envs with the lowest mean style reward, lowest first; ties by env id. */
    List<EnvMeans> worst(int n) {
        List<EnvMeans> all = new ArrayList<>(byEnv.size());
        byEnv.forEach((env, ring) -> all.add(ring.means(env)));
        all.sort(Comparator.comparingDouble(EnvMeans::style).thenComparingInt(EnvMeans::env));
        return all.subList(0, Math.min(n, all.size()));
    }

    private static final class Ring {
        final float[] style;
        final float[] task;
        final float[] score;
        int next;
        int size;

        Ring(int capacity) {
            style = new float[capacity];
            task = new float[capacity];
            score = new float[capacity];
        }

        void add(float s, float t, float d) {
            style[next] = s;
            task[next] = t;
            score[next] = d;
            next = (next + 1) % style.length;
            size = Math.min(size + 1, style.length);
        }

        EnvMeans means(int env) {
            double s = 0;
            double t = 0;
            double d = 0;
            int oldest = (next - size + style.length) % style.length;
            for (int k = 0; k < size; k++) {
                int j = (oldest + k) % style.length;
                s += style[j];
                t += task[j];
                d += score[j];
            }
            return new EnvMeans(env, size, s / size, t / size, d / size);
        }
    }
}
