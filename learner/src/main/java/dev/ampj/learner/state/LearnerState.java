package dev.ampj.learner.state;

import dev.ampj.common.Digests;
import dev.ampj.learner.AmpLearner;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.algo.DiscriminatorTrainer;
import dev.ampj.learner.algo.PpoLearner;
import dev.ampj.learner.normalization.EmpiricalNormalizer;
import dev.ampj.learner.optim.Adam;
import dev.ampj.learner.storage.AmpReplayBuffer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The learner's exact state as bytes: everything needed to continue bit-exactly. Layout (big-endian,
 * version 1): magic "AMPL", version, dims, seed; PPO (iteration, learning rate, network parameters,
 * Adam step and moments, policy and critic observation normalisers); discriminator (iteration,
 * parameters, Adam step and moments, AMP normaliser, replay buffer contents, size and cursor); then
 * the SHA-256 of everything before it. Random streams are keyed by (seed, purpose, iteration), so
 * the seed and the two iteration counters are their whole position.
 */
public final class LearnerState {

    public static final int MAGIC = 0x414D504C; // "AMPL"
    public static final int VERSION = 1;
    private static final int DIGEST_BYTES = 32;

    private LearnerState() {}

    public static byte[] encode(AmpLearner learner) {
        return encode(new Header(learner.dims(), learner.seed()), encodePolicy(learner.ppo()),
                encodeDiscriminator(learner.discriminator()));
    }

    /**
     * The whole state from its two sections, each encoded by the side that owns it (the PPO learner
     * and the discriminator trainer may live on different threads): header, policy section,
     * discriminator section, digest; byte for byte what {@link #encode(AmpLearner)} writes.
     */
    public static byte[] encode(Header header, byte[] policySection, byte[] discriminatorSection) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            LearnerDims d = header.dims();
            out.writeInt(d.policyObs());
            out.writeInt(d.criticObs());
            out.writeInt(d.actions());
            out.writeInt(d.ampObs());
            out.writeLong(header.seed());
            out.write(policySection);
            out.write(discriminatorSection);
            out.flush();
            byte[] body = bytes.toByteArray();
            byte[] digest = Digests.sha256().digest(body);
            byte[] all = Arrays.copyOf(body, body.length + DIGEST_BYTES);
            System.arraycopy(digest, 0, all, body.length, DIGEST_BYTES);
            return all;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The policy section: PPO iteration, learning rate, network parameters, Adam, observation normalisers. */
    public static byte[] encodePolicy(PpoLearner ppo) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeLong(ppo.iteration());
            out.writeDouble(ppo.learningRate());
            floats(out, ppo.networkParameters());
            adam(out, ppo.optimizer());
            normalizer(out, ppo.obsNormalizer());
            normalizer(out, ppo.criticObsNormalizer());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The discriminator section: iteration, parameters, Adam, AMP normaliser, replay buffer. */
    public static byte[] encodeDiscriminator(DiscriminatorTrainer disc) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeLong(disc.iteration());
            floats(out, disc.parameters());
            adam(out, disc.optimizer());
            normalizer(out, disc.normalizer());
            AmpReplayBuffer replay = disc.replayBuffer();
            out.writeInt(replay.capacity());
            out.writeInt(replay.size());
            out.writeInt(replay.cursor());
            floats(out, replay.statesView());
            floats(out, replay.nextStatesView());
            out.flush();
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Header of a state: what a fresh learner must be built with to restore it. */
    public record Header(LearnerDims dims, long seed) {}

    public static Header header(byte[] state) {
        DataInputStream in = verified(state);
        try {
            return new Header(new LearnerDims(in.readInt(), in.readInt(), in.readInt(), in.readInt()), in.readLong());
        } catch (IOException e) {
            throw corrupt("truncated header", e);
        }
    }

    /** Loads {@code state} into {@code learner}, which must have been built with the same settings, dims and seed. */
    public static void decodeInto(byte[] state, AmpLearner learner) {
        DataInputStream in = verified(state);
        try {
            LearnerDims dims = new LearnerDims(in.readInt(), in.readInt(), in.readInt(), in.readInt());
            if (!dims.equals(learner.dims())) {
                throw new IllegalArgumentException("learner state: saved for " + dims + ", learner has " + learner.dims());
            }
            long seed = in.readLong();
            if (seed != learner.seed()) {
                throw new IllegalArgumentException("learner state: saved with seed " + seed + ", learner has " + learner.seed());
            }
            PpoLearner ppo = learner.ppo();
            long ppoIteration = in.readLong();
            double lr = in.readDouble();
            float[] params = floats(in, "policy parameters", ppo.networkParameters().length);
            restoreAdam(in, ppo.optimizer(), "policy Adam");
            restoreNormalizer(in, ppo.obsNormalizer());
            restoreNormalizer(in, ppo.criticObsNormalizer());
            ppo.restore(ppoIteration, lr, params);
            DiscriminatorTrainer disc = learner.discriminator();
            long discIteration = in.readLong();
            float[] dParams = floats(in, "discriminator parameters", disc.parameters().length);
            restoreAdam(in, disc.optimizer(), "discriminator Adam");
            restoreNormalizer(in, disc.normalizer());
            AmpReplayBuffer replay = disc.replayBuffer();
            int capacity = in.readInt();
            if (capacity != replay.capacity()) {
                throw new IllegalArgumentException("learner state: replay buffer capacity " + capacity
                        + ", settings say " + replay.capacity());
            }
            int size = in.readInt();
            int cursor = in.readInt();
            float[] s = floats(in, "replay states", -1);
            float[] sNext = floats(in, "replay next states", -1);
            replay.restore(size, cursor, s, sNext);
            disc.restore(discIteration, dParams);
        } catch (IOException e) {
            throw corrupt("truncated body", e);
        }
    }

    private static DataInputStream verified(byte[] state) {
        if (state == null || state.length < 8 + DIGEST_BYTES) {
            throw corrupt("too short (" + (state == null ? 0 : state.length) + " bytes)", null);
        }
        int magic = ((state[0] & 0xFF) << 24) | ((state[1] & 0xFF) << 16) | ((state[2] & 0xFF) << 8) | (state[3] & 0xFF);
        if (magic != MAGIC) {
            throw corrupt("not a learner state (magic " + Integer.toHexString(magic) + ")", null);
        }
        int version = ((state[4] & 0xFF) << 24) | ((state[5] & 0xFF) << 16) | ((state[6] & 0xFF) << 8) | (state[7] & 0xFF);
        if (version != VERSION) {
            throw new IllegalArgumentException("learner state: unknown version " + version + " (this build reads version "
                    + VERSION + ")");
        }
        int body = state.length - DIGEST_BYTES;
        MessageDigest md = Digests.sha256();
        md.update(state, 0, body);
        if (!Arrays.equals(md.digest(), Arrays.copyOfRange(state, body, state.length))) {
            throw corrupt("checksum mismatch", null);
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(state, 8, body - 8));
        return in;
    }

    private static IllegalArgumentException corrupt(String why, Throwable cause) {
        return new IllegalArgumentException("learner state: corrupt bytes: " + why, cause);
    }

    private static void adam(DataOutputStream out, Adam adam) throws IOException {
        out.writeLong(adam.stepCount());
        floats(out, adam.firstMoments());
        floats(out, adam.secondMoments());
    }

    private static void restoreAdam(DataInputStream in, Adam adam, String name) throws IOException {
        long step = in.readLong();
        int n = adam.firstMoments().length;
        float[] m = floats(in, name + " first moments", n);
        float[] v = floats(in, name + " second moments", n);
        adam.restore(step, m, v);
    }

    private static void normalizer(DataOutputStream out, EmpiricalNormalizer n) throws IOException {
        out.writeLong(n.count());
        doubles(out, n.meanState());
        doubles(out, n.varState());
    }

    private static void restoreNormalizer(DataInputStream in, EmpiricalNormalizer n) throws IOException {
        long count = in.readLong();
        double[] mean = doubles(in, n.dim());
        double[] var = doubles(in, n.dim());
        n.restore(count, mean, var);
    }

    private static void floats(DataOutputStream out, float[] x) throws IOException {
        out.writeInt(x.length);
        java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(x.length * Float.BYTES);
        buf.asFloatBuffer().put(x);
        out.write(buf.array());
    }

    private static float[] floats(DataInputStream in, String name, int expected) throws IOException {
        int n = in.readInt();
        if (n < 0 || (expected >= 0 && n != expected) || n > in.available() / Float.BYTES) {
            throw new IllegalArgumentException("learner state: " + name + " has " + n + " values, expected "
                    + (expected >= 0 ? expected : "at most " + in.available() / Float.BYTES));
        }
        byte[] raw = new byte[n * Float.BYTES];
        in.readFully(raw);
        float[] x = new float[n];
        java.nio.ByteBuffer.wrap(raw).asFloatBuffer().get(x);
        return x;
    }

    private static void doubles(DataOutputStream out, double[] x) throws IOException {
        out.writeInt(x.length);
        for (double v : x) {
            out.writeDouble(v);
        }
    }

    private static double[] doubles(DataInputStream in, int expected) throws IOException {
        int n = in.readInt();
        if (n != expected) {
            throw new IllegalArgumentException("learner state: normaliser has " + n + " columns, expected " + expected);
        }
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = in.readDouble();
        }
        return x;
    }
}
