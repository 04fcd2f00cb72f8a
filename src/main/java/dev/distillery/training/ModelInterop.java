package dev.distillery.training;

import dev.distillery.training.engine.ModelFiles;
import dev.distillery.training.engine.SafetensorsException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import org.springframework.stereotype.Service;

/**
 * Models in PyTorch's formats: Distillery's parameter files as safetensors state dicts under mdistiller's names
 * (export), safetensors state dicts and TorchScript modules checked for use as teachers (import), and eval-mode
 * logits of either. Every call runs on the CPU with networks of its own, so it never touches a running training.
 */
@Service
public class ModelInterop {

    /** The architecture name of a TorchScript model, a black box with no architecture of the zoo. */
    public static final String TORCHSCRIPT = "torchscript";

    private final ArchitectureCatalog architectures;

    public ModelInterop(ArchitectureCatalog architectures) {
        this.architectures = architectures;
    }

    /** A model's identity: architecture (or {@link #TORCHSCRIPT}), input shape and class count. */
    public record ModelShape(String architecture, InputShape input, int classes) {}

    /**
     * Writes Distillery's parameter file {@code parameters} of {@code model} as a safetensors state dict.
     *
     * @throws ModelFileException when the architecture has no PyTorch names
     */
    public void exportSafetensors(ModelShape model, Path parameters, OutputStream out) throws IOException {
        try {
            ModelFiles.exportSafetensors(trained(model, parameters), out);
        } catch (SafetensorsException e) {
            throw new ModelFileException(e.getMessage());
        }
    }

    /**
     * Checks a safetensors state dict against {@code model} and writes it as Distillery's parameter file.
     *
     * @throws ModelFileException naming what is wrong with the file (structure, or each missing, unexpected and
     *     mis-shaped tensor)
     */
    public void importSafetensors(ModelShape model, Path file, OutputStream parameters) throws IOException {
        Architecture architecture = architecture(model.architecture());
        architecture.problem(model.input(), model.classes()).ifPresent(problem -> {
            throw new ModelFileException(problem);
        });
        try {
            ModelFiles.importSafetensors(architecture, model.input(), model.classes(), file, parameters);
        } catch (SafetensorsException e) {
            throw new ModelFileException(e.getMessage());
        }
    }

    /**
     * Runs a TorchScript module once on zeros of {@code model}'s input shape and checks its output width.
     *
     * @throws ModelFileException when the module cannot be loaded or run, or gives another number of outputs
     */
    public void checkTorchScript(ModelShape model, Path file) {
        long outputs;
        try {
            outputs = ModelFiles.torchScriptOutputs(file, model.input());
        } catch (TrainingException e) {
            throw new ModelFileException(
                    "not a TorchScript module that takes a (1, " + model.input().channels() + ", "
                            + model.input().height() + ", " + model.input().width() + ") input: " + e.getMessage());
        }
        if (outputs != model.classes()) {
            throw new ModelFileException("the TorchScript module gives " + outputs + " outputs per input, the model"
                    + " declares " + model.classes() + " classes");
        }
    }

    /** Eval-mode logits of {@code inputs} (each of the model's input shape, flattened). */
    public float[][] logits(ModelShape model, Path file, float[][] inputs) {
        if (TORCHSCRIPT.equals(model.architecture())) {
            return ModelFiles.torchScriptLogits(file, model.input(), inputs);
        }
        return ModelFiles.logits(trained(model, file), inputs);
    }

    private ModelFiles.Trained trained(ModelShape model, Path parameters) {
        return new ModelFiles.Trained(architecture(model.architecture()), model.input(), model.classes(), parameters);
    }

    private Architecture architecture(String name) {
        return architectures
                .find(name)
                .orElseThrow(() -> new ModelFileException("unknown architecture '" + name + "'; known: "
                        + String.join(", ", architectures.names()) + ", " + TORCHSCRIPT));
    }
}
