package dev.ampj.sim.gateway;

import dev.ampj.sim.env.StepBuffers;
import dev.ampj.sim.env.VecEnv;
import dev.ampj.sim.env.VecEnvSpec;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A VecEnv whose physics and task run in an external simulator behind the gateway
 * (docs/gateway-protocol.md): each call is one lock-step request to the client and its checked
 * reply. The platform keeps the episode counters; the client's auto-reset happens inside its step,
 * with the terminal AMP state and critic observation read before it. A client that declared
 * {@code reference_state_reset} starts every episode where the platform says: each STEP carries
 * the start of every env's next episode (used by the envs that end in it), each RESET the starts
 * of the episodes it begins, drawn by {@link EpisodeStartRows} from the run's streams.
 *
 * <p>A reply that breaks the protocol, or none within the step timeout, drops the client and
 * throws {@link GatewayProtocolException}; the buffers are written only from a reply whose every
 * column passed its checks, and the shard that owns this env then fails its iteration, which is
 * never committed from partial data.
 */
public final class ExternalVecEnv implements VecEnv {

    private static final Logger LOG = LoggerFactory.getLogger(ExternalVecEnv.class);

    private final ClientLink link;
    private final VecEnvSpec spec;
    private final int[] envIds;
    private final StepBuffers b;
    private final long timeoutNanos;
    private final long[] episodes;
    private final int n;
    private final int d;
    private final java.util.function.Consumer<ClientLink> release;
    /** Null for a client that starts episodes itself (no reference_state_reset). */
    private final EpisodeStartRows starts;
    private final int w;
    private final float[] startRow;
    /** Slot i's row of {@code nextStartRows} is the start of episode {@code nextStartFor[i]} (drawn once per episode, not per step). */
    private final float[] nextStartRows;
    private final long[] nextStartFor;

    /**
     * Takes over {@code link} (welcomed for {@code envIds}) and reads its current observations;
     * {@link #close} hands the link, if not dropped, to {@code release}.
     */
    public ExternalVecEnv(ClientLink link, VecEnvSpec spec, int[] envIds, java.time.Duration stepTimeout,
            java.util.function.Consumer<ClientLink> release) {
        this(link, spec, envIds, stepTimeout, release, null);
    }

    /**
     * As above; a client that declared {@code reference_state_reset} gets its episode starts from
     * {@code starts} (required for it, ignored for others) and begins every env's episode 0 from them.
     */
    public ExternalVecEnv(ClientLink link, VecEnvSpec spec, int[] envIds, java.time.Duration stepTimeout,
            java.util.function.Consumer<ClientLink> release, EpisodeStartRows starts) {
        if (link.hello().referenceStateReset() && starts == null) {
            throw new IllegalArgumentException("external simulator " + link.hello().simulator()
                    + " declared reference_state_reset: it needs the platform's episode starts");
        }
        this.starts = link.hello().referenceStateReset() ? starts : null;
        this.w = this.starts == null ? 0 : this.starts.width();
        this.startRow = new float[w];
        this.nextStartRows = new float[envIds.length * w];
        this.nextStartFor = new long[envIds.length];
        Arrays.fill(nextStartFor, -1);
        this.link = link;
        this.release = release;
        this.spec = spec;
        this.envIds = envIds.clone();
        this.n = envIds.length;
        this.d = spec.actionDim();
        this.b = StepBuffers.of(spec, n);
        this.timeoutNanos = stepTimeout.toNanos();
        this.episodes = new long[n];
        if (this.starts == null) {
            observe(request(GatewayFrame.OBSERVE, new byte[0], 0));
        } else {
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            observe(requestReset(all, episodes));
        }
    }

    @Override
    public VecEnvSpec spec() {
        return spec;
    }

    @Override
    public int numEnvs() {
        return n;
    }

    @Override
    public int envId(int slot) {
        return envIds[slot];
    }

    @Override
    public StepBuffers buffers() {
        return b;
    }

    /** The client's handshake. */
    public Hello hello() {
        return link.hello();
    }

    @Override
    public void step(float[] actions) {
        if (actions.length != n * d) {
            throw new IllegalArgumentException("actions: " + actions.length + " floats, expected " + n + " x " + d);
        }
        float[] low = link.hello().actionLow();
        float[] high = link.hello().actionHigh();
        ByteBuffer f = GatewayFrame.allocate(GatewayFrame.STEP, link.nextSequence(), n, 4 * n * (d + w));
        for (int i = 0; i < actions.length; i++) {
            float a = actions[i];
            if (!Float.isFinite(a)) {
                throw new IllegalArgumentException("action " + i % d + " of env " + envIds[i / d] + " is " + a);
            }
            int j = i % d;
            f.putFloat(a < low[j] ? low[j] : (a > high[j] ? high[j] : a));
        }
        if (starts != null) {
            for (int i = 0; i < n; i++) {
                if (nextStartFor[i] != episodes[i] + 1) {
                    starts.write(i, episodes[i] + 1, nextStartRows, i * w);
                    nextStartFor[i] = episodes[i] + 1;
                }
            }
            for (float v : nextStartRows) {
                f.putFloat(v);
            }
        }
        long seq = f.getLong(8);
        link.send(f.array());
        int p = spec.policyDim(), c = spec.criticDim(), a = spec.ampDim(), r = spec.rewardTerms().size();
        ClientLink.Reply reply = link.await(seq, GatewayFrame.STEP_RESULT, Columns.bytes(n, p, c, a, 1, r, 1, 1, a, c), 0, n,
                timeoutNanos);
        Columns cols = new Columns("STEP_RESULT", reply.frame(), n);
        int policy, critic, amp, reward, terms, terminated, truncated, terminalAmp, terminalCritic;
        try {
            policy = cols.finite("policy_obs", p);
            critic = cols.finite("critic_obs", c);
            amp = cols.finite("amp_obs", a);
            reward = cols.finite("reward", 1);
            terms = cols.finite("reward_terms", r);
            terminated = cols.flags("terminated");
            truncated = cols.flags("truncated");
            terminalAmp = cols.finite("terminal_amp_obs", a);
            terminalCritic = cols.finite("terminal_critic_obs", c);
        } catch (GatewayProtocolException e) {
            throw link.drop(e.getMessage());
        }
        cols.copy(policy, b.policyObs, n * p);
        cols.copy(critic, b.criticObs, n * c);
        cols.copy(amp, b.ampObs, n * a);
        cols.copy(reward, b.rewards, n);
        cols.copy(terms, b.rewardTerms, n * r);
        cols.copy(terminalAmp, b.terminalAmpObs, n * a);
        cols.copy(terminalCritic, b.terminalCriticObs, n * c);
        for (int i = 0; i < n; i++) {
            boolean failed = cols.flag(terminated, i);
            b.terminated[i] = failed;
            b.timedOut[i] = !failed && cols.flag(truncated, i);
            b.nanTerminated[i] = false;
            b.episodeIds[i] = episodes[i];
            if (b.done(i)) {
                episodes[i]++;
                b.episodeSteps[i] = 0;
            } else {
                b.episodeSteps[i]++;
            }
        }
    }

    @Override
    public void reset(int[] globalEnvIds) {
        int[] slots = new int[globalEnvIds.length];
        for (int k = 0; k < slots.length; k++) {
            slots[k] = slotOf(globalEnvIds[k]);
        }
        long[] next = episodes.clone();
        for (int s : slots) {
            next[s]++;
        }
        observe(requestReset(slots, next));
        for (int s : slots) {
            episodes[s]++;
            b.episodeSteps[s] = 0;
            b.episodeIds[s] = episodes[s];
        }
    }

    /** RESET of {@code slots}; with episode starts, each slot's row for episode {@code episode[slot]} follows the slots. */
    private ClientLink.Reply requestReset(int[] slots, long[] episode) {
        ByteBuffer p = ByteBuffer.allocate(4 * slots.length * (1 + w)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int s : slots) {
            p.putInt(s);
        }
        if (starts != null) {
            for (int s : slots) {
                starts.write(s, episode[s], startRow, 0);
                for (float v : startRow) {
                    p.putFloat(v);
                }
            }
        }
        return request(GatewayFrame.RESET, p.array(), n);
    }

    private int slotOf(int envId) {
        for (int i = 0; i < n; i++) {
            if (envIds[i] == envId) {
                return i;
            }
        }
        throw new IllegalArgumentException("env id " + envId + " is not in this VecEnv (" + envIds[0] + ".." + envIds[n - 1] + ")");
    }

    @Override
    public byte[] snapshot() {
        byte[] client = new byte[0];
        if (link.hello().snapshot()) {
            long seq = link.nextSequence();
            link.send(GatewayFrame.of(GatewayFrame.SNAPSHOT, seq, n, new byte[0]));
            ClientLink.Reply reply = link.await(seq, GatewayFrame.SNAPSHOT_DATA, -1, Integer.MAX_VALUE - 64, n, timeoutNanos);
            client = Arrays.copyOfRange(reply.frame(), GatewayFrame.HEADER_BYTES, reply.frame().length);
        }
        return new ExternalSnapshot(link.hello().snapshot(), envIds, episodes.clone(), b.episodeSteps.clone(), client).encode();
    }

    @Override
    public void restore(byte[] snapshot) {
        ExternalSnapshot s = ExternalSnapshot.decode(snapshot, envIds);
        if (s.exact() && link.hello().snapshot()) {
            observe(request(GatewayFrame.RESTORE, s.client(), n));
            System.arraycopy(s.episodes(), 0, episodes, 0, n);
            System.arraycopy(s.episodeSteps(), 0, b.episodeSteps, 0, n);
        } else {
            LOG.warn("external simulator {} {}: {}; every env starts a new episode (resume is approximate)",
                    link.hello().simulator(), link.hello().version(), s.exact()
                            ? "the state was saved by a client with snapshot/restore, this one has none"
                            : "the state was saved without snapshot/restore");
            int[] all = new int[n];
            Arrays.setAll(all, i -> i);
            long[] next = new long[n];
            Arrays.setAll(next, i -> s.episodes()[i] + 1);
            observe(requestReset(all, next));
            for (int i = 0; i < n; i++) {
                episodes[i] = next[i];
                b.episodeSteps[i] = 0;
            }
        }
        System.arraycopy(episodes, 0, b.episodeIds, 0, n);
    }

    private ClientLink.Reply request(int kind, byte[] payload, int rows) {
        long seq = link.nextSequence();
        link.send(GatewayFrame.of(kind, seq, rows, payload));
        return link.await(seq, GatewayFrame.OBSERVATION, Columns.bytes(n, spec.policyDim(), spec.criticDim(), spec.ampDim()), 0,
                n, timeoutNanos);
    }

    private void observe(ClientLink.Reply reply) {
        Columns cols = new Columns("OBSERVATION", reply.frame(), n);
        int policy, critic, amp;
        try {
            policy = cols.finite("policy_obs", spec.policyDim());
            critic = cols.finite("critic_obs", spec.criticDim());
            amp = cols.finite("amp_obs", spec.ampDim());
        } catch (GatewayProtocolException e) {
            throw link.drop(e.getMessage());
        }
        cols.copy(policy, b.policyObs, n * spec.policyDim());
        cols.copy(critic, b.criticObs, n * spec.criticDim());
        cols.copy(amp, b.ampObs, n * spec.ampDim());
        System.arraycopy(episodes, 0, b.episodeIds, 0, n);
    }

    @Override
    public void close() {
        // A shard restarted for another reason than its client: the client waits for its next request.
        if (!link.dropped()) {
            release.accept(link);
        }
    }
}
