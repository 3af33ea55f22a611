package dev.ampj.sim.gateway;

/** No external simulator connected (or passed the handshake) within {@code amp.gateway.connect-timeout}. */
public final class GatewayUnavailableException extends RuntimeException {

    public GatewayUnavailableException(String message) {
        super(message);
    }
}
