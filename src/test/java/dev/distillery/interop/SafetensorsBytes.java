package dev.distillery.interop;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Safetensors files built by hand for tests, honest or not: F32 tensors of given shapes (values from their index),
 * with a header that can be replaced to lie.
 */
public final class SafetensorsBytes {

    /** Distillery's lenet5 on 1x28x28 inputs with 10 classes, as the interop script names it. */
    public static final Map<String, long[]> LENET5_28 = lenet5();

    private SafetensorsBytes() {}

    /** An honest file with these tensors, in order. */
    public static byte[] of(Map<String, long[]> tensors) {
        return withHeader(header(tensors), data(tensors));
    }

    /** The JSON header an honest file of these tensors has. */
    public static String header(Map<String, long[]> tensors) {
        StringJoiner json = new StringJoiner(",", "{", "}");
        long offset = 0;
        for (Map.Entry<String, long[]> tensor : tensors.entrySet()) {
            long bytes = elements(tensor.getValue()) * Float.BYTES;
            json.add(entry(tensor.getKey(), "F32", tensor.getValue(), offset, offset + bytes));
            offset += bytes;
        }
        return json.toString();
    }

    /** The byte range {begin, end} of {@code name} in an honest file of these tensors. */
    public static long[] range(Map<String, long[]> tensors, String name) {
        long offset = 0;
        for (Map.Entry<String, long[]> tensor : tensors.entrySet()) {
            long bytes = elements(tensor.getValue()) * Float.BYTES;
            if (tensor.getKey().equals(name)) {
                return new long[] {offset, offset + bytes};
            }
            offset += bytes;
        }
        throw new IllegalArgumentException("no tensor " + name);
    }

    /** One header entry. */
    public static String entry(String name, String dtype, long[] shape, long begin, long end) {
        StringJoiner dims = new StringJoiner(",", "[", "]");
        for (long dimension : shape) {
            dims.add(Long.toString(dimension));
        }
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + dims + ",\"data_offsets\":[" + begin + ","
                + end + "]}";
    }

    /** The data region of an honest file of these tensors. */
    public static byte[] data(Map<String, long[]> tensors) {
        long total =
                tensors.values().stream().mapToLong(SafetensorsBytes::elements).sum();
        ByteBuffer data =
                ByteBuffer.allocate(Math.toIntExact(total * Float.BYTES)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < total; i++) {
            data.putFloat((i % 97) / 970f);
        }
        return data.array();
    }

    /** A file with this header (its true length written first) and data. */
    public static byte[] withHeader(String header, byte[] data) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(ByteBuffer.allocate(Long.BYTES)
                .order(ByteOrder.LITTLE_ENDIAN)
                .putLong(json.length)
                .array());
        out.writeBytes(json);
        out.writeBytes(data);
        return out.toByteArray();
    }

    public static long elements(long[] shape) {
        long count = 1;
        for (long dimension : shape) {
            count *= dimension;
        }
        return count;
    }

    private static Map<String, long[]> lenet5() {
        Map<String, long[]> tensors = new LinkedHashMap<>();
        tensors.put("conv1.weight", new long[] {6, 1, 5, 5});
        tensors.put("conv1.bias", new long[] {6});
        tensors.put("conv2.weight", new long[] {16, 6, 5, 5});
        tensors.put("conv2.bias", new long[] {16});
        tensors.put("fc1.weight", new long[] {120, 400});
        tensors.put("fc1.bias", new long[] {120});
        tensors.put("fc2.weight", new long[] {84, 120});
        tensors.put("fc2.bias", new long[] {84});
        tensors.put("fc3.weight", new long[] {10, 84});
        tensors.put("fc3.bias", new long[] {10});
        return java.util.Collections.unmodifiableMap(tensors);
    }
}
