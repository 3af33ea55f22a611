package dev.ampj.actors.cluster;

import dev.ampj.actors.config.StreamChannels;

/**
 * The Aeron channels of a cluster run. θk: one multi-destination-cast publication on the learner
 * ({@code control-mode=dynamic}: each sim node's subscription adds itself as a destination by
 * sending status messages to the control address; {@code fc=min}: the sender paces to the slowest
 * live receiver, so no node misses a chunk). Trajectories: every sim node publishes to the learner's
 * one UDP endpoint (unicast); the learner's subscription tells senders apart by session.
 */
public final class DataPlane {

    private DataPlane() {}

    /** The learner's side: the policy publication and the trajectory subscription. */
    public static StreamChannels learnerChannels(String host, int policyPort, int trajectoryPort) {
        return new StreamChannels(
                "aeron:udp?control=" + hostPort(host, policyPort) + "|control-mode=dynamic|fc=min",
                "aeron:udp?endpoint=" + hostPort(host, trajectoryPort));
    }

    /** A sim node's side: a policy subscription on an ephemeral port of its host, trajectories to the learner. */
    public static StreamChannels simChannels(String bindHost, String policyControl, String trajectoryEndpoint) {
        return new StreamChannels(
                "aeron:udp?endpoint=" + hostPort(bindHost, 0) + "|control=" + policyControl + "|control-mode=dynamic",
                "aeron:udp?endpoint=" + trajectoryEndpoint);
    }

    static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
