package dev.ampj.sim.gateway;

/** A client broke the gateway protocol (docs/gateway-protocol.md); the message says how. The client is dropped. */
public class GatewayProtocolException extends RuntimeException {

    public GatewayProtocolException(String message) {
        super(message);
    }
}
