package dev.ampj.learner.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import com.typesafe.config.ConfigFactory;
import dev.ampj.common.RandomStream;
import dev.ampj.learner.Fixtures;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.config.Activation;
import dev.ampj.learner.config.DiscriminatorLossType;
import dev.ampj.learner.config.DiscriminatorSettings;
import dev.ampj.learner.config.LearnerSettings;
import dev.ampj.learner.config.PpoSettings;
import dev.ampj.learner.nn.ActorCritic;
import dev.ampj.learner.nn.Discriminator;
import dev.ampj.learner.nn.PolicyArchitecture;
import dev.ampj.learner.optim.Autograd;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Autograd gradients (float64) of every loss against central finite differences. */
class GradientCheckTest {

    private static final double H = 1e-6;
    private NDManager manager;

    @BeforeEach
    void open() {
        manager = NDManager.newBaseManager();
    }

    @AfterEach
    void close() {
        Autograd.gradMode(false);
        manager.close();
    }

    private NDArray f64(float[] x, Shape shape) {
        double[] d = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            d[i] = x[i];
        }
        return manager.create(d, shape);
    }

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    void ppoLossGradientMatchesFiniteDifferences(boolean logStd) {
        LearnerDims dims = new LearnerDims(4, 5, 2, 3);
        LearnerSettings s = Fixtures.small();
        PolicyArchitecture arch = PolicyArchitecture.of(s.policy(), dims);
        arch = new PolicyArchitecture(dims, new int[] {4, 6, 2}, new int[] {5, 6, 1}, Activation.ELU, logStd, true,
                0.7, 0.0);
        float[] init = arch.initialParameters(3);
        ActorCritic net = new ActorCritic(manager, DataType.FLOAT64, arch, init, true);
        int b = 7;
        NDArray obs = f64(Fixtures.gaussian(1, "o", b * 4, 1), new Shape(b, 4));
        NDArray critic = f64(Fixtures.gaussian(1, "c", b * 5, 1), new Shape(b, 5));
        NDArray actions = f64(Fixtures.gaussian(1, "a", b * 2, 1), new Shape(b, 2));
        NDArray oldLogp = f64(Fixtures.gaussian(1, "l", b, 0.1), new Shape(b)).sub(2.0);
        NDArray adv = f64(Fixtures.gaussian(1, "adv", b, 1), new Shape(b));
        NDArray ret = f64(Fixtures.gaussian(1, "ret", b, 1), new Shape(b));
        NDArray oldV = f64(Fixtures.gaussian(1, "v", b, 1), new Shape(b));
        PpoSettings ps = s.ppo();
        Supplier<NDArray> loss = () -> PpoLoss.compute(ps, net.actionMean(obs), net.actionStd(), net.value(critic),
                actions, oldLogp, adv, ret, oldV).loss();
        check(net.trainableParameters(), loss);
    }

    private static DiscriminatorSettings settings(DiscriminatorLossType type) {
        return LearnerSettings.fromConfig(ConfigFactory.parseString(
                "amp.learner.discriminator.loss = " + type.name().toLowerCase(java.util.Locale.ROOT))
                .withFallback(ConfigFactory.defaultReference()).resolve()).discriminator();
    }

    /** A joint batch of b policy rows (shifted by 0.5) then b expert rows, and interpolates between them. */
    private NDArray[] batch(long seed, int b, int width) {
        float[] xp = Fixtures.gaussian(seed, "p", b * width, 1);
        for (int i = 0; i < xp.length; i++) {
            xp[i] += 0.5f;
        }
        float[] xe = Fixtures.gaussian(seed, "e", b * width, 1);
        float[] xi = DiscriminatorInputs.interpolates(xe, xp, b, RandomStream.of(seed, "alpha"));
        return new NDArray[] {f64(DiscriminatorInputs.joint(xp, xe), new Shape(2L * b, width)), f64(xi, new Shape(b, width))};
    }

    /** The whole step objective (joint pass, penalty through the explicit input gradient) against finite differences. */
    @ParameterizedTest
    @EnumSource(DiscriminatorLossType.class)
    void discriminatorObjectiveGradientMatchesFiniteDifferences(DiscriminatorLossType type) {
        DiscriminatorSettings s = settings(type);
        for (Activation act : new Activation[] {Activation.RELU, Activation.ELU}) {
            for (boolean mbStd : new boolean[] {false, true}) {
                int amp = 3;
                int[] hidden = {6, 5};
                Discriminator d = new Discriminator(manager, DataType.FLOAT64, amp, hidden, act, mbStd,
                        Discriminator.initialParameters(amp, hidden, mbStd, 4), true);
                NDArray[] x = batch(2, 6, 2 * amp);
                check(d.parameters(), () -> DiscriminatorObjective.of(d, s, x[0], x[1]).loss());
            }
        }
    }

    /**
     * The penalty's parameter gradient through the explicit input-gradient graph equals libtorch's
     * double backward (create_graph) in float64: the expert rows' E||g||^2 of a joint batch, and
     * WGAN-GP's E(||g|| - 1)^2 at interpolates; the minibatch-std feature is a constant in both.
     */
    @ParameterizedTest
    @EnumSource(value = Activation.class)
    void penaltyGradientEqualsDoubleBackward(Activation act) {
        for (boolean mbStd : new boolean[] {false, true}) {
            for (boolean interpolate : new boolean[] {false, true}) {
                int amp = 3;
                int[] hidden = {7, 6};
                int b = 5;
                Discriminator d = new Discriminator(manager, DataType.FLOAT64, amp, hidden, act, mbStd,
                        Discriminator.initialParameters(amp, hidden, mbStd, 6), true);
                NDArray[] x = batch(7, b, 2 * amp);
                NDArray in = interpolate ? x[1] : x[0];
                long from = interpolate ? 0 : b;
                java.util.function.Function<NDArray, NDArray> penalty = g -> interpolate
                        ? DiscriminatorLoss.lipschitzPenalty(g) : DiscriminatorLoss.gradientPenalty(g);

                Autograd.zeroGradients(d.parameters());
                Autograd.gradMode(true);
                Autograd.backward(penalty.apply(d.logitsWithInputGradient(in, from)[1]));
                Autograd.gradMode(false);
                double[] explicit = gradients(d.parameters());

                NDArray leaf = in.duplicate();
                leaf.setRequiresGradient(true);
                Autograd.zeroGradients(d.parameters());
                Autograd.gradMode(true);
                NDArray sum = d.logits(leaf).sum();
                JniUtils.backward((PtNDArray) sum, (PtNDArray) sum.onesLike(), true, true);
                NDArray g = leaf.getGradient().get(new NDIndex(from + ":"));
                double[] first = gradients(d.parameters());
                Autograd.backward(penalty.apply(g));
                Autograd.gradMode(false);
                double[] both = gradients(d.parameters());
                for (int i = 0; i < both.length; i++) {
                    assertEquals(both[i] - first[i], explicit[i], 1e-10 * Math.max(1, Math.abs(explicit[i])),
                            act + " minibatchStd=" + mbStd + " interpolate=" + interpolate + " parameter " + i);
                }
            }
        }
    }

    private static double[] gradients(List<NDArray> params) {
        double[][] parts = new double[params.size()][];
        int n = 0;
        for (int i = 0; i < parts.length; i++) {
            // a parameter the penalty does not reach (the output bias) reads as float32 zeros
            parts[i] = params.get(i).getGradient().toType(DataType.FLOAT64, false).toDoubleArray();
            n += parts[i].length;
        }
        double[] out = new double[n];
        int at = 0;
        for (double[] p : parts) {
            System.arraycopy(p, 0, out, at, p.length);
            at += p.length;
        }
        return out;
    }

    /** Per-row dD(x_b)/dx_b with the minibatch-std feature held constant; also for a tail of the rows. */
    @ParameterizedTest
    @EnumSource(value = Activation.class)
    void explicitInputGradientEqualsAutograd(Activation act) {
        for (boolean mbStd : new boolean[] {false, true}) {
            int amp = 4;
            int[] hidden = {8, 7};
            Discriminator d = new Discriminator(manager, DataType.FLOAT64, amp, hidden, act, mbStd,
                    Discriminator.initialParameters(amp, hidden, mbStd, 5), false);
            int b = 9;
            NDArray x = f64(Fixtures.gaussian(3, "x", b * 2 * amp, 1), new Shape(b, 2 * amp));
            x.setRequiresGradient(true);
            Autograd.gradMode(true);
            double[] explicit = d.logitsWithInputGradient(x)[1].toDoubleArray();
            double[] tail = d.logitsWithInputGradient(x, 4)[1].toDoubleArray();
            Autograd.backward(d.logits(x).sum());
            Autograd.gradMode(false);
            double[] auto = x.getGradient().toDoubleArray();
            assertArrayEquals(auto, explicit, 1e-12, act + " minibatchStd=" + mbStd);
            assertArrayEquals(java.util.Arrays.copyOfRange(auto, 4 * 2 * amp, auto.length), tail, 1e-12,
                    act + " minibatchStd=" + mbStd + " rows 4..");
        }
    }

    @Test
    void softplusIsStableForLargeLogits() {
        double[] y = DiscriminatorLoss.softplus(manager.create(new double[] {-800, 0, 800})).toDoubleArray();
        assertEquals(0.0, y[0], 1e-300);
        assertEquals(Math.log(2), y[1], 1e-15);
        assertEquals(800.0, y[2], 1e-12);
    }

    /** Compares d(loss)/d(p) for a sample of entries of every parameter with central differences. */
    private void check(List<NDArray> params, Supplier<NDArray> loss) {
        Autograd.zeroGradients(params);
        Autograd.gradMode(true);
        try (NDManager scope = manager.newSubManager()) {
            NDArray l = loss.get();
            Autograd.backward(l);
        }
        Autograd.gradMode(false);
        for (NDArray p : params) {
            double[] grad = p.getGradient().toDoubleArray();
            double[] values = p.toDoubleArray();
            int stride = Math.max(1, values.length / 5);
            for (int i = 0; i < values.length; i += stride) {
                double orig = values[i];
                values[i] = orig + H;
                set(p, values);
                double up = loss.get().toDoubleArray()[0];
                values[i] = orig - H;
                set(p, values);
                double down = loss.get().toDoubleArray()[0];
                values[i] = orig;
                set(p, values);
                double fd = (up - down) / (2 * H);
                double tol = 1e-6 * Math.max(1.0, Math.abs(fd));
                assertTrue(Math.abs(fd - grad[i]) <= tol,
                        "param " + p.getShape() + "[" + i + "]: autograd " + grad[i] + " vs finite difference " + fd);
            }
        }
    }

    private static void set(NDArray p, double[] values) {
        ByteBuffer buf = ByteBuffer.allocateDirect(values.length * Double.BYTES).order(ByteOrder.nativeOrder());
        buf.asDoubleBuffer().put(values);
        p.set(buf);
    }
}
