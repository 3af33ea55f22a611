package dev.ampj.learner.optim;

import ai.djl.ndarray.NDArray;
import java.util.List;

/** torch.nn.utils.clip_grad_norm_: scales all gradients by max_norm / (total L2 norm + 1e-6) when that is < 1. */
public final class GradientClipping {

    private GradientClipping() {}

    /** Returns the total norm before clipping. Call under an NDScope (gradient handles are temporaries). */
    public static double clipGlobalNorm(List<NDArray> parameters, double maxNorm) {
        double sumSq = 0;
        NDArray[] grads = new NDArray[parameters.size()];
        for (int i = 0; i < grads.length; i++) {
            grads[i] = parameters.get(i).getGradient();
            sumSq += grads[i].square().sum().toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble();
        }
        double total = Math.sqrt(sumSq);
        double coef = maxNorm / (total + 1e-6);
        if (coef < 1.0) {
            for (NDArray g : grads) {
                g.muli((float) coef);
            }
        }
        return total;
    }
}
