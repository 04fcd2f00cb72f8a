package dev.distillery.training.engine;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDManager;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;
import dev.distillery.tensors.OwnedArrays;
import dev.distillery.training.Architecture;
import dev.distillery.training.InputShape;
import dev.distillery.training.TrainingException;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An initialized model: its block, the manager owning its parameters, and the device it runs on. */
final class Network implements AutoCloseable {

    /** Parameter initialization draws from LibTorch's global RNG: seed and initialize as one atomic step. */
    private static final Object INITIALIZATION_LOCK = new Object();

    private final String name;
    private final Block block;
    private final NDManager manager;
    private final Device device;
    /** Hands the parameters' own arrays to forward passes (no copies); renewed when parameters are loaded. */
    private ParameterStore store;

    private Network(String name, Block block, NDManager manager, Device device) {
        this.name = name;
        this.block = block;
        this.manager = manager;
        this.device = device;
        this.store = new ParameterStore(manager, false);
    }

    /** Builds and initializes {@code architecture}; the same seed always gives the same initial weights. */
    static Network create(Architecture architecture, InputShape shape, int classes, Device device, long seed) {
        Block block = architecture.build(shape, classes);
        NDManager manager = NDManager.newBaseManager(device);
        try {
            synchronized (INITIALIZATION_LOCK) {
                manager.getEngine().setRandomSeed(Long.hashCode(seed));
                Shape oneImage = new Shape(1, shape.channels(), shape.height(), shape.width());
                block.initialize(manager, DataType.FLOAT32, oneImage);
            }
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
        return new Network(architecture.name(), block, manager, device);
    }

    /**
     * A TorchScript module ({@code torch.jit.save}) as a network: a black box whose forward pass maps images to
     * logits, evaluated in inference mode; for frozen teachers and predictions only.
     */
    static Network torchScript(Path file, Device device) {
        NDManager manager = NDManager.newBaseManager(device);
        try {
            Block block = JniUtils.loadModule((PtNDManager) manager, file, true, new String[0], new String[0], false);
            return new Network("torchscript", block, manager, device);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    String name() {
        return name;
    }

    Block block() {
        return block;
    }

    NDManager manager() {
        return manager;
    }

    /**
     * Training-mode forward pass (BatchNorm uses and updates batch statistics). The parameters are updated in place
     * by a {@link TrainingOptimizer}.
     */
    NDArray forward(NDArray input) {
        return block.forward(store, new NDList(input), true).singletonOrThrow();
    }

    /** Inference-mode forward pass; call it with grad mode off. */
    NDArray infer(NDArray input) {
        return block.forward(store, new NDList(input), false).singletonOrThrow();
    }

    /**
     * Replaces the parameters with those {@link #writeParameters} wrote for the same architecture, input shape and
     * class count (BatchNorm running statistics included). The file must match exactly: every parameter's shape is
     * checked and nothing may follow the last one.
     *
     * @throws TrainingException when the file cannot be read or belongs to another network
     */
    void loadParameters(Path file) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            readParameters(in, file.toString());
            if (in.read() != -1) {
                throw new TrainingException("could not load " + name + " parameters from " + file
                        + ": unexpected data after the last parameter");
            }
        } catch (IOException e) {
            throw new TrainingException(
                    "could not load " + name + " parameters from " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Replaces the parameters with those {@link #writeParameters} wrote, reading exactly their bytes from {@code in}.
     * Every parameter's shape is checked; parameters that require gradients get them again (DJL's load does not).
     *
     * @param source names the origin in error messages
     * @throws TrainingException when the data belongs to another network or is malformed
     */
    void readParameters(DataInputStream in, String source) {
        Map<String, Shape> expected = new LinkedHashMap<>();
        List<NDArray> initial = new ArrayList<>();
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            expected.put(parameter.getKey(), parameter.getValue().getArray().getShape());
            initial.add(parameter.getValue().getArray());
        }
        try {
            block.loadParameters(manager, in);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            throw new TrainingException(
                    "could not load " + name + " parameters from " + source + ": " + e.getMessage(), e);
        } finally {
            store = new ParameterStore(manager, false);
        }
        for (Pair<String, Parameter> parameter : block.getParameters()) {
            OwnedArrays.own(parameter.getValue().getArray());
            Shape loaded = parameter.getValue().getArray().getShape();
            if (!loaded.equals(expected.get(parameter.getKey()))) {
                throw new TrainingException(
                        "could not load " + name + " parameters from " + source + ": parameter " + parameter.getKey()
                                + " has shape " + loaded + ", expected " + expected.get(parameter.getKey()));
            }
            if (parameter.getValue().requiresGradient()) {
                parameter.getValue().getArray().setRequiresGradient(true);
            }
        }
        initial.forEach(NDArray::close);
    }

    /** Writes the parameters in DJL's format ({@code Block.saveParameters}); leaves {@code out} open. */
    void writeParameters(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        block.saveParameters(data);
        data.flush();
    }

    /** Stops gradients for every parameter; the network is then used for inference only. */
    void freeze() {
        block.freezeParameters(true);
    }

    @Override
    public void close() {
        manager.close();
    }
}
