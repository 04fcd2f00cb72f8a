package dev.distillery.training.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.tracker.Tracker;
import dev.distillery.methods.LearnableParameter;
import java.util.List;

/**
 * Adam as {@code torch.optim.Adam} (L2 weight decay added to the gradient, as DJL's Adam; not AdamW):
 * {@code g += wd·w; m = β1·m + (1-β1)·g; v = β2·v + (1-β2)·g²; w -= lr/(1-β1^t) · m / (sqrt(v)/sqrt(1-β2^t) + ε)}
 * with β1 = 0.9, β2 = 0.999, ε = 1e-8 and t the parameter's update count.
 */
final class AdamOptimizer extends TrainingOptimizer {

    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPSILON = 1e-8;

    private final float weightDecay;

    AdamOptimizer(
            Network network, Tracker learningRate, double weightDecay, List<LearnableParameter> methodParameters) {
        super("adam", network, learningRate, 2, methodParameters);
        this.weightDecay = (float) weightDecay;
    }

    @Override
    void update(NDArray weight, NDArray gradient, NDArray[] state, long t, float learningRate, NDManager scope) {
        NDArray g = gradient;
        if (weightDecay != 0) {
            g = scoped(weight.mul(constant(scope, weightDecay)), scope).addi(gradient);
        }
        NDArray mean = state[0];
        NDArray variance = state[1];
        mean.muli(constant(scope, (float) BETA1)).addi(scoped(g.mul(constant(scope, (float) (1 - BETA1))), scope));
        variance.muli(constant(scope, (float) BETA2))
                .addi(scoped(g.mul(g), scope).muli(constant(scope, (float) (1 - BETA2))));
        double correction1 = 1 - Math.pow(BETA1, t);
        double correction2 = 1 - Math.pow(BETA2, t);
        NDArray denominator = scoped(variance.sqrt(), scope)
                .divi(constant(scope, (float) Math.sqrt(correction2)))
                .addi(constant(scope, (float) EPSILON));
        weight.subi(scoped(mean.div(denominator), scope).muli(constant(scope, (float) (learningRate / correction1))));
    }
}
