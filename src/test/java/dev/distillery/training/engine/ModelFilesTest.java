package dev.distillery.training.engine;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.distillery.interop.PyTorch;
import dev.distillery.tensors.OwnedArrays;
import dev.distillery.training.Architecture;
import dev.distillery.training.ArchitectureCatalog;
import dev.distillery.training.InputShape;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * State dicts both ways against Debian's PyTorch, with the classes of {@code torch_interop.py}: an exported network
 * (random weights and BatchNorm statistics) of every zoo family (mdistiller's resnet8x4, resnet32x4, wrn_40_2, vgg8,
 * vgg13, mobilenetv2, shufflenetv1, shufflenetv2; Distillery's mlp and lenet5) loads with {@code strict=True} and
 * PyTorch's eval logits equal Distillery's; a PyTorch-trained state dict (and the same model as TorchScript) imported
 * here gives PyTorch's eval logits on the same 32 inputs.
 */
class ModelFilesTest {

    private static final double TOLERANCE = 1e-4;
    private static final ArchitectureCatalog ARCHITECTURES = new ArchitectureCatalog();

    @TempDir
    Path directory;

    @BeforeEach
    void torch() {
        PyTorch.assumeAvailable();
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3}, {4} classes")
    @CsvSource({
        "mlp,        1, 28, 28, 10",
        "lenet5,     1, 28, 28, 10",
        "resnet8x4,  3, 32, 32, 100",
        "resnet32x4, 3, 32, 32, 100",
        "wrn_40_2,   3, 32, 32, 100",
        "vgg8,       3, 32, 32, 100",
        "vgg13,      3, 32, 32, 10",
        "mobilenetv2, 3, 32, 32, 100",
        "shufflenetv1, 3, 32, 32, 100",
        "shufflenetv2, 3, 32, 32, 100"
    })
    void anExportedNetworkLoadsStrictlyInPyTorchWithTheSameLogits(
            String name, int channels, int height, int width, int classes) throws Exception {
        InputShape shape = new InputShape(channels, height, width);
        Architecture architecture = ARCHITECTURES.find(name).orElseThrow();
        Path parameters = directory.resolve("model.params");
        try (Network network = Network.create(architecture, shape, classes, Device.cpu(), 5)) {
            randomizeBatchNorm(network, new SplittableRandom(9));
            try (OutputStream out = Files.newOutputStream(parameters)) {
                network.writeParameters(out);
            }
        }
        ModelFiles.Trained trained = new ModelFiles.Trained(architecture, shape, classes, parameters);
        Path exported = directory.resolve("model.safetensors");
        try (OutputStream out = Files.newOutputStream(exported)) {
            ModelFiles.exportSafetensors(trained, out);
        }
        float[][] inputs = PyTorch.randomInputs(32, shape.size(), 11);
        PyTorch.writeFloats(directory.resolve("inputs.bin"), inputs);

        PyTorch.run(
                "eval",
                name,
                "" + classes,
                "" + channels,
                "" + height,
                "" + width,
                exported.toString(),
                directory.resolve("inputs.bin").toString(),
                directory.resolve("torch.bin").toString());

        float[][] torch = PyTorch.readFloats(directory.resolve("torch.bin"), classes);
        double difference = PyTorch.maxAbsDifference(ModelFiles.logits(trained, inputs), torch);
        System.out.printf("export %s: max |Δlogit| %.3g%n", name, difference);
        assertThat(difference).isLessThanOrEqualTo(TOLERANCE);
    }

    @ParameterizedTest(name = "{0} {1}x{2}x{3}, {4} classes")
    @CsvSource({
        "mlp,        1, 28, 28, 10",
        "lenet5,     1, 28, 28, 10",
        "resnet8x4,  3, 32, 32, 100",
        "resnet32x4, 3, 32, 32, 10",
        "wrn_40_2,   3, 32, 32, 100"
    })
    void aPyTorchTrainedStateDictAndItsTorchScriptGiveTheSameLogitsHere(
            String name, int channels, int height, int width, int classes) throws Exception {
        InputShape shape = new InputShape(channels, height, width);
        Architecture architecture = ARCHITECTURES.find(name).orElseThrow();
        PyTorch.run(
                "train", name, "" + classes, "" + channels, "" + height, "" + width, "3", "1", directory.toString());
        Path parameters = directory.resolve("imported.params");
        try (OutputStream out = Files.newOutputStream(parameters)) {
            ModelFiles.importSafetensors(architecture, shape, classes, directory.resolve("model.safetensors"), out);
        }
        float[][] inputs = PyTorch.readFloats(directory.resolve("inputs.bin"), shape.size());
        float[][] torch = PyTorch.readFloats(directory.resolve("logits.bin"), classes);

        float[][] imported =
                ModelFiles.logits(new ModelFiles.Trained(architecture, shape, classes, parameters), inputs);
        float[][] scripted = ModelFiles.torchScriptLogits(directory.resolve("model.pt"), shape, inputs);

        double stateDict = PyTorch.maxAbsDifference(imported, torch);
        double torchScript = PyTorch.maxAbsDifference(scripted, torch);
        System.out.printf("import %s: max |Δlogit| safetensors %.3g, TorchScript %.3g%n", name, stateDict, torchScript);
        assertThat(inputs).hasNumberOfRows(32);
        assertThat(stateDict).isLessThanOrEqualTo(TOLERANCE);
        assertThat(torchScript).isLessThanOrEqualTo(TOLERANCE);
    }

    /** BatchNorm starts at γ 1, β 0, mean 0, variance 1: random values make a wrong mapping visible. */
    private static void randomizeBatchNorm(Network network, SplittableRandom random) {
        for (Pair<String, Parameter> pair : network.block().getParameters()) {
            Parameter parameter = pair.getValue();
            boolean variance = parameter.getType() == Parameter.Type.RUNNING_VAR;
            boolean batchNorm = variance
                    || parameter.getType() == Parameter.Type.RUNNING_MEAN
                    || parameter.getType() == Parameter.Type.GAMMA
                    || parameter.getType() == Parameter.Type.BETA;
            if (batchNorm) {
                NDArray array = parameter.getArray();
                float[] values = new float[Math.toIntExact(array.size())];
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (variance ? 0.5 + random.nextDouble() : random.nextDouble() - 0.5);
                }
                array.intern(OwnedArrays.of(array.getManager(), values, array.getShape()));
            }
        }
    }
}
