package dev.ampj.actors.wire;

/**
 * Marks a control message that may cross nodes: bound to Jackson CBOR in reference.conf
 * ({@code amp.cluster.pekko.actor.serialization-bindings}); Java serialization is off. Tensors
 * never travel in such messages (Aeron carries them).
 */
public interface CborSerializable {}
