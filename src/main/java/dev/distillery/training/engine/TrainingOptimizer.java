package dev.distillery.training.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.tracker.Tracker;
import ai.djl.util.Pair;
import dev.distillery.methods.LearnableParameter;
import dev.distillery.tensors.OwnedArrays;
import dev.distillery.training.TrainingException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * An optimizer whose whole state can be written and read back bit for bit, so a resumed run continues exactly
 * (DJL's {@code Sgd}/{@code Adam} keep their state in private maps). It updates the trainable parameters of one
 * {@link Network} in place after each backward pass and then zeroes their gradients (LibTorch accumulates them).
 * Temporaries of an update live in a sub-NDManager closed with the update; the state arrays (one or two per
 * trainable parameter, allocated up front) belong to the network's manager and are closed with the network.
 *
 * <p>State format ({@link #writeState}): the optimizer's name, the number of trainable parameters, then per
 * parameter its name, its update count and its state arrays in DJL's NDArray encoding.
 */
abstract class TrainingOptimizer {

    /** Upper bound of the bytes DJL's NDArray encoding adds to the raw values (magic, version, name, shape). */
    private static final long ENCODING_OVERHEAD = 4096;
    /** Prefixes the names of a method's learnable parameters in the state. */
    static final String METHOD_PREFIX = "method.";

    private final String name;
    private final Network network;
    private final Tracker learningRate;
    private final List<String> names = new ArrayList<>();
    /** Read on every step: a network's parameter arrays are replaced when parameters are loaded. */
    private final List<Supplier<NDArray>> parameters = new ArrayList<>();

    private final long[] updates;
    private final NDArray[][] state;

    /**
     * @param statePerParameter how many state arrays (shaped like the parameter) each trainable parameter has
     * @param methodParameters  what the method learns besides the network, updated the same way (named
     *                          {@code method.<name>} in the state)
     */
    TrainingOptimizer(
            String name,
            Network network,
            Tracker learningRate,
            int statePerParameter,
            List<LearnableParameter> methodParameters) {
        this.name = name;
        this.network = network;
        this.learningRate = learningRate;
        for (Pair<String, Parameter> parameter : network.block().getParameters()) {
            if (parameter.getValue().requiresGradient()) {
                names.add(parameter.getKey());
                parameters.add(parameter.getValue()::getArray);
            }
        }
        for (LearnableParameter parameter : methodParameters) {
            names.add(METHOD_PREFIX + parameter.name());
            parameters.add(parameter::value);
        }
        this.updates = new long[parameters.size()];
        this.state = new NDArray[parameters.size()][statePerParameter];
        for (int i = 0; i < parameters.size(); i++) {
            for (int j = 0; j < statePerParameter; j++) {
                state[i][j] = parameters.get(i).get().zerosLike();
            }
        }
    }

    String name() {
        return name;
    }

    /** How many arrays of state the optimizer keeps in the network's manager. */
    int stateArrays() {
        return parameters.size() * (parameters.isEmpty() ? 0 : state[0].length);
    }

    /** The learning rate the next update uses (the schedule's value for the current epoch). */
    float learningRate() {
        return learningRate.getNewValue(parameters.isEmpty() ? 0 : (int) Math.min(Integer.MAX_VALUE, updates[0]));
    }

    /** Applies one update to every trainable parameter from its current gradient, then zeroes the gradients. */
    final void step() {
        float lr = learningRate();
        try (Autograd.GradMode off = Autograd.gradMode(false);
                NDManager scope = network.manager().newSubManager()) {
            for (int i = 0; i < parameters.size(); i++) {
                NDArray weight = parameters.get(i).get();
                NDArray gradient = weight.getGradient();
                gradient.attach(scope);
                updates[i]++;
                update(weight, gradient, state[i], updates[i], lr, scope);
                JniUtils.zeroGrad((PtNDArray) weight);
            }
        }
    }

    /**
     * Updates {@code weight} in place. Arrays computed from an array of the network's manager land in that manager:
     * {@link #scoped} them.
     *
     * @param state this parameter's state arrays, to update in place
     * @param t     this parameter's update count, from 1
     */
    abstract void update(
            NDArray weight, NDArray gradient, NDArray[] state, long t, float learningRate, NDManager scope);

    /** A float32 scalar in the update's scope, in LibTorch's memory (see {@link OwnedArrays}). */
    static NDArray constant(NDManager scope, float value) {
        return OwnedArrays.scalar(scope, value, DataType.FLOAT32);
    }

    /** Moves a temporary into the update's scope, so it is closed with it. */
    static NDArray scoped(NDArray array, NDManager scope) {
        array.attach(scope);
        return array;
    }

    void writeState(DataOutputStream out) throws IOException {
        out.writeUTF(name);
        out.writeInt(parameters.size());
        for (int i = 0; i < parameters.size(); i++) {
            out.writeUTF(names.get(i));
            out.writeLong(updates[i]);
            out.writeInt(state[i].length);
            for (NDArray array : state[i]) {
                byte[] encoded = array.encode();
                out.writeInt(encoded.length);
                out.write(encoded);
            }
        }
    }

    /**
     * Replaces the state with what {@link #writeState} wrote for the same optimizer and network.
     *
     * @throws TrainingException when the state belongs to another optimizer or network
     * @throws IOException when the stream ends early
     */
    void readState(DataInputStream in) throws IOException {
        String stored = in.readUTF();
        if (!stored.equals(name)) {
            throw new TrainingException("optimizer state is " + stored + "'s, the plan uses " + name);
        }
        int count = in.readInt();
        if (count != parameters.size()) {
            throw new TrainingException(
                    "optimizer state has " + count + " parameters, the network " + parameters.size());
        }
        long[] readUpdates = new long[count];
        NDArray[][] readState = new NDArray[count][];
        try {
            for (int i = 0; i < count; i++) {
                String parameter = in.readUTF();
                if (!parameter.equals(names.get(i))) {
                    throw new TrainingException(
                            "optimizer state of parameter " + parameter + " where " + names.get(i) + " was expected");
                }
                readUpdates[i] = in.readLong();
                int arrays = in.readInt();
                if (readUpdates[i] < 0 || arrays != state[i].length) {
                    throw new TrainingException("optimizer state of " + parameter + " is malformed");
                }
                readState[i] = new NDArray[arrays];
                for (int j = 0; j < arrays; j++) {
                    int length = in.readInt();
                    NDArray current = state[i][j];
                    long expected = current.size() * current.getDataType().getNumOfBytes() + ENCODING_OVERHEAD;
                    if (length < 0 || length > expected) {
                        throw new TrainingException("optimizer state of " + parameter + " is malformed");
                    }
                    byte[] encoded = in.readNBytes(length);
                    if (encoded.length != length) {
                        throw new java.io.EOFException("optimizer state ends inside " + parameter);
                    }
                    readState[i][j] = network.manager().decode(encoded);
                    OwnedArrays.own(readState[i][j]);
                    if (!readState[i][j].getShape().equals(current.getShape())
                            || readState[i][j].getDataType() != current.getDataType()) {
                        throw new TrainingException("optimizer state of " + parameter + " has shape "
                                + readState[i][j].getShape() + ", expected " + current.getShape());
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            for (NDArray[] arrays : readState) {
                if (arrays != null) {
                    for (NDArray array : arrays) {
                        if (array != null) {
                            array.close();
                        }
                    }
                }
            }
            throw e;
        }
        for (int i = 0; i < count; i++) {
            updates[i] = readUpdates[i];
            for (int j = 0; j < state[i].length; j++) {
                state[i][j].close();
                state[i][j] = readState[i][j];
            }
        }
    }
}
