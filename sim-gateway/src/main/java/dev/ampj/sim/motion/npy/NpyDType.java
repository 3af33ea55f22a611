package dev.ampj.sim.motion.npy;

import java.nio.ByteOrder;

/**
 * The element type of an {@code .npy} array, parsed from its {@code descr} ("&lt;f4", "&gt;f8",
 * "|S8", "&lt;U12", ...). Only the kinds reference motion needs are representable: floats,
 * integers, booleans and fixed-width strings. Everything else is refused by {@link #parse}.
 */
public record NpyDType(Kind kind, int itemSize, ByteOrder order, String descr) {

    /** Element kinds this reader accepts. */
    public enum Kind {
        FLOAT, SIGNED, UNSIGNED, BOOL, UNICODE, BYTES;

        public boolean numeric() {
            return this == FLOAT || this == SIGNED || this == UNSIGNED || this == BOOL;
        }
    }

    public static final NpyDType FLOAT32_LE = new NpyDType(Kind.FLOAT, 4, ByteOrder.LITTLE_ENDIAN, "<f4");
    public static final NpyDType FLOAT64_LE = new NpyDType(Kind.FLOAT, 8, ByteOrder.LITTLE_ENDIAN, "<f8");

    /**
     * Parses a numpy type string; the message of the exception says what is wrong and what would
     * be accepted (the caller adds file and entry).
     */
    public static NpyDType parse(String descr) {
        if (descr.length() < 3) {
            throw new IllegalArgumentException("unsupported dtype '" + descr + "'");
        }
        char endian = descr.charAt(0);
        char code = descr.charAt(1);
        int size;
        try {
            size = Integer.parseInt(descr.substring(2));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("unsupported dtype '" + descr + "' (datetime, structured or sub-array types are not accepted)");
        }
        if (endian == '=') {
            throw new IllegalArgumentException("dtype '" + descr + "' has native byte order; numpy files always say '<', '>' or '|'");
        }
        if (endian != '<' && endian != '>' && endian != '|') {
            throw new IllegalArgumentException("unsupported dtype '" + descr + "': unknown byte-order mark '" + endian + "'");
        }
        ByteOrder order = endian == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        switch (code) {
            case 'f':
                if (size == 4 || size == 8) {
                    return new NpyDType(Kind.FLOAT, size, order, descr);
                }
                throw new IllegalArgumentException("unsupported dtype '" + descr + "': only float32 and float64 floats are accepted");
            case 'i':
            case 'u':
                if (size == 1 || size == 2 || size == 4 || size == 8) {
                    return new NpyDType(code == 'i' ? Kind.SIGNED : Kind.UNSIGNED, size, order, descr);
                }
                break;
            case 'b':
                if (size == 1) {
                    return new NpyDType(Kind.BOOL, 1, order, descr);
                }
                break;
            case 'U':
                if (size >= 0 && size <= (1 << 20)) {
                    return new NpyDType(Kind.UNICODE, 4 * size, order, descr);
                }
                break;
            case 'S':
                if (size >= 0 && size <= (1 << 22)) {
                    return new NpyDType(Kind.BYTES, size, order, descr);
                }
                break;
            case 'c':
                throw new IllegalArgumentException("complex dtype '" + descr + "' is not accepted (motion data is real-valued)");
            case 'O':
                throw new IllegalArgumentException("object dtype '" + descr + "' (pickled Python objects) is not accepted here");
            default:
                break;
        }
        throw new IllegalArgumentException("unsupported dtype '" + descr + "' (accepted: float32/float64, integers, bool, <U/|S strings)");
    }

    /** The descr numpy writes for this type. */
    public String descr() {
        return descr;
    }
}
