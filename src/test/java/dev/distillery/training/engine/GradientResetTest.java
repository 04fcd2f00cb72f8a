package dev.distillery.training.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import dev.distillery.training.InputShape;
import org.junit.jupiter.api.Test;

/**
 * LibTorch accumulates gradients across backward passes; each optimizer step must start from the
 * current batch's gradient alone, or SGD silently uses the running sum of all past gradients.
 */
class GradientResetTest {

    @Test
    void aStepUsesOnlyTheGradientOfItsOwnBatch() {
        try (Network network = Network.create(new OneLinear(), new InputShape(1, 1, 2), 1, Device.cpu(), 3)) {
            TrainingOptimizer optimizer =
                    Optimizers.create("sgd", new MultiStepSchedule(0.0, java.util.List.of(), 0.1), 0.0, 0.0, network);
            float[] first = gradientAfterOneStep(network, optimizer);
            float[] second = gradientAfterOneStep(network, optimizer);
            assertThat(second).containsExactly(first);
        }
    }

    private static float[] gradientAfterOneStep(Network network, TrainingOptimizer optimizer) {
        try (NDManager scope = network.manager().newSubManager()) {
            NDArray input = scope.create(new float[] {1f, 2f}, new Shape(1, 1, 1, 2));
            try (Autograd.GradMode on = Autograd.gradMode(true)) {
                Autograd.backward(network.forward(input).sum());
            }
            Parameter weight = network.block().getParameters().get(0).getValue();
            float[] gradient = weight.getArray().getGradient().toFloatArray();
            optimizer.step();
            return gradient;
        }
    }
}
