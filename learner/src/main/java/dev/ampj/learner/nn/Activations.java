package dev.ampj.learner.nn;

import ai.djl.ndarray.NDArray;
import dev.ampj.learner.config.Activation;

/** Hidden nonlinearities and their derivatives (the latter for explicit input gradients). */
final class Activations {

    private Activations() {}

    static NDArray apply(Activation a, NDArray z) {
        return switch (a) {
            case ELU -> ai.djl.nn.Activation.elu(z, 1f);
            case RELU -> ai.djl.nn.Activation.relu(z);
            case TANH -> z.tanh();
        };
    }

    /** act'(z): ReLU's mask is a constant; ELU's exp(min(z, 0)) and tanh's 1 - tanh^2 stay differentiable. */
    static NDArray derivative(Activation a, NDArray z) {
        return switch (a) {
            case ELU -> Tensors.minimum(z, 0f).exp();
            case RELU -> z.gt(0).toType(z.getDataType(), false);
            case TANH -> {
                NDArray t = z.tanh();
                yield t.mul(t).neg().add(1);
            }
        };
    }
}
