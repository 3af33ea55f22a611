package dev.ampj.learner.optim;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.ampj.learner.config.AdamSettings;
import dev.ampj.learner.nn.Tensors;
import java.util.List;

/**
 * Adam in torch's form ({@code p -= lr * m_hat / (sqrt(v_hat) + eps)}), written on raw NDArrays so
 * that its moments and step count are plain state (DJL's own Adam keeps them private and uses the
 * "eps-hat" variant). Run with grad mode off, inside an NDScope.
 */
public final class Adam {

    private final List<NDArray> parameters;
    private final NDArray[] m;
    private final NDArray[] v;
    private final double beta1;
    private final double beta2;
    private final double eps;
    private long step;

    public Adam(NDManager manager, List<NDArray> parameters, AdamSettings settings) {
        this.parameters = List.copyOf(parameters);
        this.m = new NDArray[parameters.size()];
        this.v = new NDArray[parameters.size()];
        for (int i = 0; i < m.length; i++) {
            NDArray p = parameters.get(i);
            m[i] = manager.zeros(p.getShape(), p.getDataType());
            v[i] = manager.zeros(p.getShape(), p.getDataType());
        }
        this.beta1 = settings.beta1();
        this.beta2 = settings.beta2();
        this.eps = settings.eps();
    }

    /** One update with learning rate {@code lr} from the parameters' current gradients. */
    public void step(double lr) {
        step++;
        double bc1 = 1 - Math.pow(beta1, step);
        double bc2 = 1 - Math.pow(beta2, step);
        float stepSize = (float) (lr / bc1);
        float sqrtBc2 = (float) Math.sqrt(bc2);
        for (int i = 0; i < m.length; i++) {
            NDArray p = parameters.get(i);
            NDArray g = p.getGradient();
            m[i].muli((float) beta1).addi(g.mul((float) (1 - beta1)));
            v[i].muli((float) beta2).addi(g.square().muli((float) (1 - beta2)));
            NDArray denom = v[i].sqrt().divi(sqrtBc2).addi((float) eps);
            p.subi(m[i].div(denom).muli(stepSize));
        }
    }

    public long stepCount() {
        return step;
    }

    public float[] firstMoments() {
        return Tensors.flatten(List.of(m));
    }

    public float[] secondMoments() {
        return Tensors.flatten(List.of(v));
    }

    public void restore(long step, float[] firstMoments, float[] secondMoments) {
        Tensors.load(List.of(m), firstMoments);
        Tensors.load(List.of(v), secondMoments);
        this.step = step;
    }

}
