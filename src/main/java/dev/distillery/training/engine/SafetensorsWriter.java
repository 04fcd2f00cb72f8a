package dev.distillery.training.engine;

import ai.djl.ndarray.NDArray;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a network's state dict as safetensors: every parameter as F32 under its PyTorch name, and each BatchNorm's
 * {@code num_batches_tracked} as an I64 scalar 0 (PyTorch reads it only when BatchNorm's momentum is None), so
 * {@code load_state_dict(load_file(path))} with {@code strict=True} fits the PyTorch class.
 */
final class SafetensorsWriter {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final int ALIGNMENT = 8;

    private SafetensorsWriter() {}

    static void write(StateDictLayout layout, OutputStream out) throws IOException {
        Map<String, Object> header = new LinkedHashMap<>();
        long offset = 0;
        for (StateDictLayout.Tensor tensor : layout.tensors()) {
            NDArray array = tensor.parameter().getArray();
            long bytes = array.size() * Float.BYTES;
            header.put(tensor.name(), entry("F32", array.getShape().getShape(), offset, bytes));
            offset += bytes;
        }
        for (String name : layout.batchesTracked()) {
            header.put(name, entry("I64", new long[0], offset, Long.BYTES));
            offset += Long.BYTES;
        }
        header.put("__metadata__", Map.of("format", "pt"));
        byte[] json = JSON.writeValueAsString(header).getBytes(StandardCharsets.UTF_8);
        int padded = (json.length + ALIGNMENT - 1) / ALIGNMENT * ALIGNMENT;
        DataOutputStream data = new DataOutputStream(out);
        data.write(ByteBuffer.allocate(Long.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(padded)
                .array());
        data.write(json);
        data.write(" ".repeat(padded - json.length).getBytes(StandardCharsets.US_ASCII));
        for (StateDictLayout.Tensor tensor : layout.tensors()) {
            float[] values = tensor.parameter().getArray().toFloatArray();
            ByteBuffer buffer = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            buffer.asFloatBuffer().put(values);
            data.write(buffer.array());
        }
        data.write(new byte[Long.BYTES * layout.batchesTracked().size()]);
        data.flush();
    }

    private static Map<String, Object> entry(String dtype, long[] shape, long offset, long bytes) {
        return Map.of("dtype", dtype, "shape", List.of(box(shape)), "data_offsets", List.of(offset, offset + bytes));
    }

    private static Long[] box(long[] values) {
        return java.util.Arrays.stream(values).boxed().toArray(Long[]::new);
    }
}
