package dev.ampj.learner.algo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.ampj.learner.Fixtures;
import dev.ampj.learner.LearnerDims;
import dev.ampj.learner.config.Activation;
import dev.ampj.learner.config.DiscriminatorLossType;
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

    @ParameterizedTest
    @EnumSource(DiscriminatorLossType.class)
    void discriminatorLossWithPenaltyGradientMatchesFiniteDifferences(DiscriminatorLossType type) {
        for (boolean mbStd : new boolean[] {false, true}) {
            int amp = 3;
            int[] hidden = {6, 5};
            Discriminator d = new Discriminator(manager, DataType.FLOAT64, amp, hidden, Activation.RELU, mbStd,
                    Discriminator.initialParameters(amp, hidden, mbStd, 4), true);
            int b = 6;
            NDArray xe = f64(Fixtures.gaussian(2, "e", b * 2 * amp, 1), new Shape(b, 2 * amp));
            NDArray xp = f64(Fixtures.gaussian(2, "p", b * 2 * amp, 1), new Shape(b, 2 * amp)).add(0.5);
            Supplier<NDArray> loss = () -> {
                NDArray[] e = d.logitsWithInputGradient(xe);
                return DiscriminatorLoss.of(type, e[0], d.logits(xp))
                        .add(DiscriminatorLoss.gradientPenalty(e[1]).mul(5.0))
                        .add(d.outputWeight().square().sum().mul(0.05));
            };
            check(d.parameters(), loss);
        }
    }

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
            NDArray[] r = d.logitsWithInputGradient(x);
            double[] explicit = r[1].toDoubleArray();
            Autograd.backward(d.logits(x).sum());
            Autograd.gradMode(false);
            double[] auto = x.getGradient().toDoubleArray();
            assertArrayEquals(auto, explicit, 1e-12, act + " minibatchStd=" + mbStd);
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
