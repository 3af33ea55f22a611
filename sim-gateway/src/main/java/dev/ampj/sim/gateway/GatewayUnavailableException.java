package dev.ampj.sim.gateway;

/**
 * No external simulator connected (or passed the handshake) within {@code amp.gateway.connect-timeout}:
 * the configured address has nothing to simulate with, reported like other bad input (one line, exit 2).
 */
public final class GatewayUnavailableException extends IllegalArgumentException {

    public GatewayUnavailableException(String message) {
        super(message);
    }
}
