package dev.distillery.training.engine;

import ai.djl.ndarray.NDArray;
import dev.distillery.methods.LearnableParameter;
import dev.distillery.tensors.OwnedArrays;
import dev.distillery.training.TrainingException;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;

/**
 * The method's section of a {@link TrainingState}: its learnable parameters, by name, in DJL's NDArray encoding.
 */
final class MethodState {

    /** Upper bound of the bytes DJL's NDArray encoding adds to the raw values. */
    private static final long ENCODING_OVERHEAD = 4096;

    private MethodState() {}

    static void write(DataOutputStream out, List<LearnableParameter> parameters) throws IOException {
        out.writeInt(parameters.size());
        for (LearnableParameter parameter : parameters) {
            out.writeUTF(parameter.name());
            byte[] encoded = parameter.value().encode();
            out.writeInt(encoded.length);
            out.write(encoded);
        }
    }

    /** Replaces each parameter's value with the stored one; the names, shapes and types must match. */
    static void read(DataInputStream in, List<LearnableParameter> parameters) throws IOException {
        int count = in.readInt();
        if (count != parameters.size()) {
            throw new TrainingException(
                    "the state holds " + count + " method parameters, the method learns " + parameters.size());
        }
        for (LearnableParameter parameter : parameters) {
            String name = in.readUTF();
            if (!name.equals(parameter.name())) {
                throw new TrainingException(
                        "method parameter " + name + " where " + parameter.name() + " was expected");
            }
            NDArray current = parameter.value();
            int length = in.readInt();
            if (length < 0 || length > current.size() * current.getDataType().getNumOfBytes() + ENCODING_OVERHEAD) {
                throw new TrainingException("method parameter " + name + " is malformed");
            }
            byte[] encoded = in.readNBytes(length);
            if (encoded.length != length) {
                throw new EOFException("the state ends inside method parameter " + name);
            }
            NDArray restored = current.getManager().decode(encoded);
            OwnedArrays.own(restored);
            try {
                parameter.replace(restored);
            } catch (IllegalArgumentException e) {
                restored.close();
                throw new TrainingException("method " + e.getMessage());
            }
        }
    }
}
