/**
 * {@code amp serve}: a read-only local web dashboard over the runs root (Pekko HTTP). Live data is
 * pushed as server-sent events from threads that tail each run's event log and telemetry queue;
 * {@code /metrics} is the Prometheus text exposition of every run's last commit.
 */
package dev.ampj.ops.serve;
