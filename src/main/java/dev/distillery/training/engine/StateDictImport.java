package dev.distillery.training.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.distillery.tensors.OwnedArrays;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads a safetensors state dict into a network: every parameter must be present under its PyTorch name with its
 * exact shape, nothing else may be there ({@code num_batches_tracked} may be, as an I64 scalar), and a file that
 * misses, adds or mis-shapes tensors is refused with all of them listed. Values go into LibTorch-owned memory.
 */
final class StateDictImport {

    private StateDictImport() {}

    /** Why the file's tensors do not fit {@code layout}: missing, unexpected and mis-shaped names; empty if they do. */
    static List<String> problems(StateDictLayout layout, SafetensorsHeader header) {
        Set<String> optional = new HashSet<>(layout.batchesTracked());
        Set<String> expected = new HashSet<>();
        List<String> missing = new ArrayList<>();
        List<String> misShaped = new ArrayList<>();
        for (StateDictLayout.Tensor tensor : layout.tensors()) {
            expected.add(tensor.name());
            SafetensorsHeader.Entry entry = header.entries().get(tensor.name());
            long[] shape = tensor.parameter().getArray().getShape().getShape();
            if (entry == null) {
                missing.add(tensor.name());
            } else if (!entry.dtype().equals("F32") || !Arrays.equals(entry.shape(), shape)) {
                misShaped.add(tensor.name() + " (" + entry.dtype() + " " + entry.shapeText() + ", expected F32 "
                        + Arrays.toString(shape) + ")");
            }
        }
        List<String> unexpected = new ArrayList<>();
        for (SafetensorsHeader.Entry entry : header.entries().values()) {
            boolean tracked = optional.contains(entry.name());
            if (tracked && (!entry.dtype().equals("I64") || entry.shape().length != 0)) {
                misShaped.add(entry.name() + " (" + entry.dtype() + " " + entry.shapeText() + ", expected I64 [])");
            } else if (!tracked && !expected.contains(entry.name())) {
                unexpected.add(entry.name());
            }
        }
        List<String> problems = new ArrayList<>();
        if (!missing.isEmpty()) {
            problems.add("missing tensors: " + String.join(", ", missing));
        }
        if (!unexpected.isEmpty()) {
            problems.add("unexpected tensors: " + String.join(", ", unexpected));
        }
        if (!misShaped.isEmpty()) {
            problems.add("mis-shaped tensors: " + String.join(", ", misShaped));
        }
        return problems;
    }

    /** Replaces every parameter of {@code layout} with the file's values; call after {@link #problems} was empty. */
    static void load(StateDictLayout layout, SafetensorsHeader header, Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            for (StateDictLayout.Tensor tensor : layout.tensors()) {
                SafetensorsHeader.Entry entry = header.entries().get(tensor.name());
                float[] values = floats(channel, header.dataStart() + entry.begin(), entry.end() - entry.begin());
                NDArray target = tensor.parameter().getArray();
                Shape shape = target.getShape();
                target.intern(OwnedArrays.of(target.getManager(), values, shape));
            }
        }
    }

    private static float[] floats(FileChannel channel, long position, long bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(Math.toIntExact(bytes)).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new SafetensorsException("the file ends inside the data");
            }
        }
        buffer.flip();
        float[] values = new float[Math.toIntExact(bytes / Float.BYTES)];
        buffer.asFloatBuffer().get(values);
        return values;
    }
}
