package dev.ampj.actors.transport;

/** A publisher made no progress within {@code amp.actors.transport.publication-timeout}: no subscriber, or one that stopped consuming. */
public final class TransportTimeoutException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    public TransportTimeoutException(String message) {
        super(message);
    }
}
