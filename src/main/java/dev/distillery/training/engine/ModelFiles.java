package dev.distillery.training.engine;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.distillery.tensors.OwnedArrays;
import dev.distillery.training.Architecture;
import dev.distillery.training.InputShape;
import dev.distillery.training.TrainingException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Models as files PyTorch reads and writes: a network's parameters as a safetensors state dict under PyTorch's names
 * (export), a safetensors state dict checked tensor by tensor and turned into Distillery's parameter file (import), a
 * TorchScript module's output width, and logits of either kind of model. Everything runs on the CPU, each call on a
 * network and managers of its own, closed before it returns.
 */
public final class ModelFiles {

    /** Only the parameters matter: the initial values are replaced. */
    private static final long SEED = 0;

    private ModelFiles() {}

    /** A trained network: its architecture, input shape and class count, and Distillery's parameter file. */
    public record Trained(Architecture architecture, InputShape shape, int classes, Path parameters) {}

    /** Writes {@code model}'s parameters and BatchNorm buffers as safetensors under PyTorch's names. */
    public static void exportSafetensors(Trained model, OutputStream out) throws IOException {
        try (Network network = load(model)) {
            SafetensorsWriter.write(StateDictLayout.of(model.architecture(), network.block()), out);
        }
    }

    /**
     * Checks a safetensors state dict against the architecture and writes it as Distillery's parameter file.
     *
     * @throws SafetensorsException naming everything wrong: the file's structure, or every missing, unexpected and
     *     mis-shaped tensor
     */
    public static void importSafetensors(
            Architecture architecture, InputShape shape, int classes, Path file, OutputStream parameters)
            throws IOException {
        SafetensorsHeader header = SafetensorsHeader.read(file);
        try (Network network = Network.create(architecture, shape, classes, Device.cpu(), SEED)) {
            StateDictLayout layout = StateDictLayout.of(architecture, network.block());
            List<String> problems = StateDictImport.problems(layout, header);
            if (!problems.isEmpty()) {
                throw new SafetensorsException(String.join("; ", problems));
            }
            StateDictImport.load(layout, header, file);
            network.writeParameters(parameters);
        }
    }

    /**
     * The number of outputs a TorchScript module gives for one input of {@code shape}.
     *
     * @throws TrainingException when the file is no TorchScript module or the forward pass fails
     */
    public static long torchScriptOutputs(Path file, InputShape shape) {
        float[][] one = {new float[shape.size()]};
        return torchScriptLogits(file, shape, one)[0].length;
    }

    /** Eval-mode logits of a TorchScript module for {@code inputs} of {@code shape}. */
    public static float[][] torchScriptLogits(Path file, InputShape shape, float[][] inputs) {
        try (Network network = Network.torchScript(file, Device.cpu())) {
            return logits(network, shape, inputs);
        } catch (TrainingException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new TrainingException("the TorchScript module could not run: " + e.getMessage(), e);
        }
    }

    /** Eval-mode logits of a trained network for {@code inputs}. */
    public static float[][] logits(Trained model, float[][] inputs) {
        try (Network network = load(model)) {
            return logits(network, model.shape(), inputs);
        }
    }

    private static Network load(Trained model) {
        Network network = Network.create(model.architecture(), model.shape(), model.classes(), Device.cpu(), SEED);
        try {
            network.loadParameters(model.parameters());
            return network;
        } catch (RuntimeException e) {
            network.close();
            throw e;
        }
    }

    private static float[][] logits(Network network, InputShape shape, float[][] inputs) {
        float[] flat = new float[inputs.length * shape.size()];
        for (int i = 0; i < inputs.length; i++) {
            System.arraycopy(inputs[i], 0, flat, i * shape.size(), shape.size());
        }
        Shape batch = new Shape(inputs.length, shape.channels(), shape.height(), shape.width());
        try (Autograd.GradMode off = Autograd.gradMode(false);
                NDManager scope = network.manager().newSubManager()) {
            NDArray images = OwnedArrays.of(scope, flat, batch);
            NDArray logits = network.infer(images);
            logits.attach(scope);
            Shape out = logits.getShape();
            if (out.dimension() != 2 || out.get(0) != inputs.length) {
                throw new TrainingException("the model gave logits of shape " + out + " for " + inputs.length
                        + " inputs; expected (" + inputs.length + ", classes)");
            }
            float[] values =
                    logits.toType(ai.djl.ndarray.types.DataType.FLOAT32, false).toFloatArray();
            int classes = (int) out.get(1);
            float[][] rows = new float[inputs.length][];
            for (int i = 0; i < rows.length; i++) {
                rows[i] = java.util.Arrays.copyOfRange(values, i * classes, (i + 1) * classes);
            }
            return rows;
        }
    }
}
