package dev.distillery.training.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.distillery.training.InputShape;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The engine's optimizers against hand-computed PyTorch updates on one linear unit y = w·x + b with loss sum(y), so
 * the gradients are exactly x (for w) and 1 (for b), and their state written and read back continues bit for bit.
 */
class OptimizerTest {

    private static final float[] X = {1f, 2f};

    @Test
    void sgdFollowsPyTorchMomentumAndWeightDecay() {
        double lr = 0.1;
        double momentum = 0.9;
        double wd = 0.5;
        try (Network network = Network.create(new OneLinear(), new InputShape(1, 1, 2), 1, Device.cpu(), 3)) {
            TrainingOptimizer sgd = Optimizers.create("sgd", schedule(lr), momentum, wd, network);
            double[] w = weights(network);
            double[] buffer = new double[3];
            double[] gradient = {X[0], X[1], 1};
            for (int step = 0; step < 3; step++) {
                for (int i = 0; i < 3; i++) {
                    double d = gradient[i] + wd * w[i];
                    buffer[i] = step == 0 ? d : momentum * buffer[i] + d;
                    w[i] -= lr * buffer[i];
                }
                backwardAndStep(network, sgd);
                double[] actual = weights(network);
                for (int i = 0; i < 3; i++) {
                    assertThat(actual[i]).as("step %d, weight %d", step, i).isCloseTo(w[i], within(1e-5));
                }
            }
            assertThat(sgd.stateArrays()).isEqualTo(2);
        }
    }

    @Test
    void adamFollowsPyTorchWithBiasCorrectionAndWeightDecay() {
        double lr = 0.01;
        double wd = 0.1;
        try (Network network = Network.create(new OneLinear(), new InputShape(1, 1, 2), 1, Device.cpu(), 3)) {
            TrainingOptimizer adam = Optimizers.create("adam", schedule(lr), 0.9, wd, network);
            double[] w = weights(network);
            double[] m = new double[3];
            double[] v = new double[3];
            double[] gradient = {X[0], X[1], 1};
            for (int t = 1; t <= 3; t++) {
                for (int i = 0; i < 3; i++) {
                    double g = gradient[i] + wd * w[i];
                    m[i] = 0.9 * m[i] + 0.1 * g;
                    v[i] = 0.999 * v[i] + 0.001 * g * g;
                    double denominator = Math.sqrt(v[i]) / Math.sqrt(1 - Math.pow(0.999, t)) + 1e-8;
                    w[i] -= lr / (1 - Math.pow(0.9, t)) * m[i] / denominator;
                }
                backwardAndStep(network, adam);
                double[] actual = weights(network);
                for (int i = 0; i < 3; i++) {
                    assertThat(actual[i]).as("step %d, weight %d", t, i).isCloseTo(w[i], within(1e-5));
                }
            }
            assertThat(adam.stateArrays()).isEqualTo(4);
        }
    }

    @Test
    void writtenStateContinuesBitForBitInAnotherNetwork() throws IOException {
        for (String name : List.of("sgd", "adam")) {
            try (Network original = Network.create(new OneLinear(), new InputShape(1, 1, 2), 1, Device.cpu(), 3);
                    Network copy = Network.create(new OneLinear(), new InputShape(1, 1, 2), 1, Device.cpu(), 4)) {
                TrainingOptimizer first = Optimizers.create(name, schedule(0.05), 0.9, 1e-3, original);
                for (int step = 0; step < 3; step++) {
                    backwardAndStep(original, first);
                }
                ByteArrayOutputStream parameters = new ByteArrayOutputStream();
                original.writeParameters(parameters);
                ByteArrayOutputStream state = new ByteArrayOutputStream();
                first.writeState(new DataOutputStream(state));
                copy.readParameters(new DataInputStream(new ByteArrayInputStream(parameters.toByteArray())), "test");
                TrainingOptimizer second = Optimizers.create(name, schedule(0.05), 0.9, 1e-3, copy);
                second.readState(new DataInputStream(new ByteArrayInputStream(state.toByteArray())));

                for (int step = 0; step < 3; step++) {
                    backwardAndStep(original, first);
                    backwardAndStep(copy, second);
                    assertThat(weights(copy)).as(name).containsExactly(weights(original));
                }
                assertThat(copy.manager().getManagedArrays())
                        .hasSize(copy.block().getParameters().size() + second.stateArrays());

                TrainingOptimizer other =
                        Optimizers.create(name.equals("sgd") ? "adam" : "sgd", schedule(0.05), 0.9, 1e-3, copy);
                assertThatThrownBy(() ->
                                other.readState(new DataInputStream(new ByteArrayInputStream(state.toByteArray()))))
                        .hasMessageContaining("optimizer state is " + name + "'s");
            }
        }
    }

    private static MultiStepSchedule schedule(double lr) {
        return new MultiStepSchedule(lr, List.of(), 0.1);
    }

    private static void backwardAndStep(Network network, TrainingOptimizer optimizer) {
        try (NDManager scope = network.manager().newSubManager()) {
            NDArray input = scope.create(X, new Shape(1, 1, 1, 2));
            try (Autograd.GradMode on = Autograd.gradMode(true)) {
                Autograd.backward(network.forward(input).sum());
            }
            optimizer.step();
        }
    }

    /** w0, w1, b. */
    private static double[] weights(Network network) {
        float[] w = network.block().getParameters().get(0).getValue().getArray().toFloatArray();
        float[] b = network.block().getParameters().get(1).getValue().getArray().toFloatArray();
        return new double[] {w[0], w[1], b[0]};
    }
}
