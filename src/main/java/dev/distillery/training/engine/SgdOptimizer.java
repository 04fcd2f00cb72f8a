package dev.distillery.training.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.tracker.Tracker;
import dev.distillery.methods.LearnableParameter;
import java.util.List;

/**
 * SGD with PyTorch's semantics ({@code torch.optim.SGD}, no dampening, no Nesterov): {@code d = g + wd·w;
 * buf = momentum·buf + d} ({@code buf = d} at the first step: the buffer starts at zero); {@code w -= lr·buf}. The
 * momentum buffer holds gradients, not steps, so a learning-rate decay takes effect at once.
 */
final class SgdOptimizer extends TrainingOptimizer {

    private final float momentum;
    private final float weightDecay;

    SgdOptimizer(
            Network network,
            Tracker learningRate,
            double momentum,
            double weightDecay,
            List<LearnableParameter> methodParameters) {
        super("sgd", network, learningRate, momentum == 0 ? 0 : 1, methodParameters);
        this.momentum = (float) momentum;
        this.weightDecay = (float) weightDecay;
    }

    @Override
    void update(NDArray weight, NDArray gradient, NDArray[] state, long t, float learningRate, NDManager scope) {
        NDArray direction = gradient;
        if (weightDecay != 0) {
            direction = scoped(weight.mul(constant(scope, weightDecay)), scope).addi(gradient);
        }
        if (state.length > 0) {
            direction = state[0].muli(constant(scope, momentum)).addi(direction);
        }
        weight.subi(scoped(direction.mul(constant(scope, learningRate)), scope));
    }
}
