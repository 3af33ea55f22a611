package dev.ampj.actors.config;

import dev.ampj.actors.transport.TransportSettings;

/**
 * The Aeron channel of each tensor stream as one node uses it. On one host both are the configured
 * channel; in a cluster the learner publishes the policy by multi-destination-cast and subscribes to
 * trajectories on its UDP endpoint, while a sim node subscribes to the policy with its own endpoint
 * and publishes trajectories to the learner's (dev.ampj.actors.cluster.DataPlane).
 */
public record StreamChannels(String policy, String trajectory) {

    public static StreamChannels of(TransportSettings transport) {
        return new StreamChannels(transport.channel(), transport.channel());
    }
}
