package dev.ampj.storage.event;

/** Validation of the lowercase hex SHA-256 digests that events reference. */
public final class Sha256Hex {

    private Sha256Hex() {}

    /** Returns {@code digest} if it is 64 lowercase hex characters, else throws naming {@code what}. */
    public static String require(String digest, String what) {
        if (digest == null || digest.length() != 64) {
            throw new IllegalArgumentException(what + " must be a SHA-256 digest (64 lowercase hex characters), was " + digest);
        }
        for (int i = 0; i < 64; i++) {
            char c = digest.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                throw new IllegalArgumentException(what + " must be a SHA-256 digest (64 lowercase hex characters), was " + digest);
            }
        }
        return digest;
    }
}
