package dev.ampj.sim.wire;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** The 64-bit run id carried in every frame: the first 8 bytes (little-endian) of SHA-256 of the run name in UTF-8. */
public final class RunIds {

    private RunIds() {}

    public static long of(String runName) {
        if (runName == null || runName.isEmpty()) {
            throw new IllegalArgumentException("run name must be non-empty to derive a wire run id");
        }
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(runName.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(d, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
