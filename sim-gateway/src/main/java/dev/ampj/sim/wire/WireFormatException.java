package dev.ampj.sim.wire;

/** A frame or batch that does not follow the wire format: bad magic, unknown version, inconsistent lengths. */
public class WireFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public WireFormatException(String message) {
        super(message);
    }
}
