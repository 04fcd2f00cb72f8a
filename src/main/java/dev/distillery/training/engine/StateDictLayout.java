package dev.distillery.training.engine;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;
import dev.distillery.training.Architecture;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How an initialized block's parameters are named in a PyTorch state dict: the architecture's
 * {@link Architecture#torchModules()} name its layers in the order of the block's parameters, and each DJL parameter
 * keeps PyTorch's tensor name within its layer (BatchNorm's gamma, beta, running mean and variance are
 * {@code weight}, {@code bias}, {@code running_mean}, {@code running_var}). A BatchNorm layer also has PyTorch's
 * {@code num_batches_tracked}, an int64 scalar that DJL does not keep.
 */
final class StateDictLayout {

    /** The buffer PyTorch's BatchNorm keeps beside its running statistics. */
    static final String BATCHES_TRACKED = "num_batches_tracked";

    private static final Map<String, String> TORCH_NAMES = Map.of(
            "weight", "weight",
            "bias", "bias",
            "gamma", "weight",
            "beta", "bias",
            "runningMean", "running_mean",
            "runningVar", "running_var");

    /** A DJL parameter and its state-dict name. */
    record Tensor(String name, Parameter parameter) {}

    private final List<Tensor> tensors;
    private final List<String> batchNorms;

    private StateDictLayout(List<Tensor> tensors, List<String> batchNorms) {
        this.tensors = List.copyOf(tensors);
        this.batchNorms = List.copyOf(batchNorms);
    }

    /**
     * The layout of {@code block}, built from {@code architecture}.
     *
     * @throws SafetensorsException when the architecture names no PyTorch modules or not one per layer
     */
    static StateDictLayout of(Architecture architecture, Block block) {
        List<String> modules = architecture.torchModules();
        if (modules.isEmpty()) {
            throw new SafetensorsException(
                    "architecture " + architecture.name() + " has no PyTorch state-dict names in Distillery yet");
        }
        Map<String, List<Parameter>> layers = new LinkedHashMap<>();
        for (Pair<String, Parameter> pair : block.getParameters()) {
            String key = pair.getKey();
            String layer =
                    key.substring(0, key.length() - pair.getValue().getName().length());
            layers.computeIfAbsent(layer, k -> new ArrayList<>()).add(pair.getValue());
        }
        if (layers.size() != modules.size()) {
            throw new IllegalStateException(architecture.name() + " names " + modules.size() + " PyTorch modules for "
                    + layers.size() + " layers with parameters");
        }
        List<Tensor> tensors = new ArrayList<>();
        List<String> batchNorms = new ArrayList<>();
        int index = 0;
        for (List<Parameter> parameters : layers.values()) {
            String module = modules.get(index++);
            for (Parameter parameter : parameters) {
                tensors.add(new Tensor(module + "." + TORCH_NAMES.get(parameter.getName()), parameter));
                if (parameter.getType() == Parameter.Type.RUNNING_VAR) {
                    batchNorms.add(module + "." + BATCHES_TRACKED);
                }
            }
        }
        return new StateDictLayout(tensors, batchNorms);
    }

    /** Every parameter with its state-dict name, in the block's order. */
    List<Tensor> tensors() {
        return tensors;
    }

    /** The {@code num_batches_tracked} name of every BatchNorm layer. */
    List<String> batchesTracked() {
        return batchNorms;
    }
}
