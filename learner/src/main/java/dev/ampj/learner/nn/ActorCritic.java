package dev.ampj.learner.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;

/**
 * rsl_rl's ActorCritic: a Gaussian policy whose mean is an MLP of the policy observation and whose
 * std is a state-independent parameter (the std itself, or its log), and a separate critic MLP of
 * the critic observation.
 */
public final class ActorCritic {

    private final PolicyArchitecture arch;
    private final Mlp actor;
    private final NDArray stdParameter;
    private final Mlp critic;

    /** Builds the networks from the flat network parameters {@code [actor | std | critic]}. */
    public ActorCritic(NDManager manager, DataType dtype, PolicyArchitecture arch, float[] values, boolean trainable) {
        if (values.length < arch.networkParameters()) {
            throw new IllegalArgumentException("policy parameters: expected " + arch.networkParameters()
                    + " values, got " + values.length);
        }
        this.arch = arch;
        this.actor = new Mlp(manager, dtype, arch.actorSizes(), arch.activation(), values, 0, trainable);
        int at = arch.actorParameters();
        this.stdParameter = Tensors.create(manager, dtype, values, at, new Shape(arch.dims().actions()));
        if (trainable && arch.learnStd()) {
            stdParameter.setRequiresGradient(true);
        }
        this.critic = new Mlp(manager, dtype, arch.criticSizes(), arch.activation(), values,
                at + arch.dims().actions(), trainable);
    }

    public NDArray actionMean(NDArray policyObs) {
        return actor.forward(policyObs);
    }

    /** Action std, shape [actions]: exp of the parameter for the log type, clamped below by min-std. */
    public NDArray actionStd() {
        NDArray std = arch.noiseStdLog() ? stdParameter.exp() : Tensors.mul(stdParameter, 1f);
        return arch.minStd() > 0 ? Tensors.maximum(std, (float) arch.minStd()) : std;
    }

    /** Value, shape [rows]. */
    public NDArray value(NDArray criticObs) {
        NDArray v = critic.forward(criticObs);
        return v.reshape(v.getShape().get(0));
    }

    /** Parameters in flat order: actor, std, critic. The std is included even when it is not learned. */
    public List<NDArray> parameters() {
        List<NDArray> out = new ArrayList<>(actor.parameters());
        out.add(stdParameter);
        out.addAll(critic.parameters());
        return out;
    }

    /** Parameters that receive gradients. */
    public List<NDArray> trainableParameters() {
        List<NDArray> out = new ArrayList<>(actor.parameters());
        if (arch.learnStd()) {
            out.add(stdParameter);
        }
        out.addAll(critic.parameters());
        return out;
    }

    public PolicyArchitecture architecture() {
        return arch;
    }
}
