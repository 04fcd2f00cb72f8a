package dev.distillery.training.engine;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The checked header of a safetensors file: an 8-byte little-endian header length, a JSON object naming each
 * tensor's dtype, shape and byte range, then the raw little-endian data. Everything a hostile file can lie about is
 * checked before a byte of data is read: the header fits the file, names are unique, every dtype is F32 or I64,
 * every range has exactly its shape's size, and the ranges tile the data region without gap, overlap or excess.
 * A PyTorch pickle ({@code torch.save}, zip or legacy) is recognised and refused with how to convert it.
 */
record SafetensorsHeader(Map<String, Entry> entries, long dataStart) {

    /** The largest JSON header accepted. */
    static final long MAX_HEADER_BYTES = 16L * 1024 * 1024;

    static final String CONVERT_HINT = "convert it in Python: from safetensors.torch import save_file; "
            + "state = torch.load(path, map_location='cpu'); "
            + "save_file({k: v.contiguous() for k, v in state.get('model', state).items()}, 'model.safetensors')";

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** One tensor: dtype, shape and its byte range relative to the data region. */
    record Entry(String name, String dtype, long[] shape, long begin, long end) {

        long elements() {
            long count = 1;
            for (long dimension : shape) {
                count = Math.multiplyExact(count, dimension);
            }
            return count;
        }

        String shapeText() {
            return java.util.Arrays.toString(shape);
        }
    }

    /** Reads and checks the header of {@code file}. */
    static SafetensorsHeader read(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer prefix = readFully(channel, 0, (int) Math.min(8, size));
            refusePickle(prefix);
            if (size < 8) {
                throw new SafetensorsException("the file has " + size + " bytes, fewer than the 8-byte header length");
            }
            long length = prefix.order(ByteOrder.LITTLE_ENDIAN).getLong(0);
            if (length < 2 || length > MAX_HEADER_BYTES || length > size - 8) {
                throw new SafetensorsException("the header declares " + Long.toUnsignedString(length)
                        + " bytes, but the file has " + (size - 8) + " after the length (at most "
                        + MAX_HEADER_BYTES + " accepted): truncated or not a safetensors file");
            }
            String json = StandardCharsets.UTF_8
                    .decode(readFully(channel, 8, (int) length))
                    .toString();
            Map<String, Entry> entries = entries(json);
            checkRanges(entries, size - 8 - length);
            return new SafetensorsHeader(entries, 8 + length);
        }
    }

    private static void refusePickle(ByteBuffer prefix) {
        boolean zip = prefix.limit() >= 2 && prefix.get(0) == 'P' && prefix.get(1) == 'K';
        boolean pickle = prefix.limit() >= 1 && (prefix.get(0) & 0xff) == 0x80;
        if (zip || pickle) {
            throw new SafetensorsException(
                    "this is a PyTorch pickle (torch.save, .pth), not safetensors; " + CONVERT_HINT);
        }
    }

    private static Map<String, Entry> entries(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (JacksonException e) {
            String reason = e.getOriginalMessage();
            throw new SafetensorsException("the header is not valid JSON: "
                    + (reason.contains("Duplicate") ? "duplicate tensor name (" + reason + ")" : reason));
        }
        if (root == null || !root.isObject()) {
            throw new SafetensorsException("the header is not a JSON object");
        }
        Map<String, Entry> entries = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> field : root.properties()) {
            if (!"__metadata__".equals(field.getKey())) {
                entries.put(field.getKey(), entry(field.getKey(), field.getValue()));
            }
        }
        return entries;
    }

    private static Entry entry(String name, JsonNode node) {
        JsonNode dtype = node.get("dtype");
        JsonNode shape = node.get("shape");
        JsonNode offsets = node.get("data_offsets");
        if (dtype == null
                || !dtype.isString()
                || shape == null
                || !shape.isArray()
                || offsets == null
                || !offsets.isArray()
                || offsets.size() != 2) {
            throw new SafetensorsException("tensor " + name + ": needs dtype, shape and two data_offsets");
        }
        if (!"F32".equals(dtype.stringValue()) && !"I64".equals(dtype.stringValue())) {
            throw new SafetensorsException("tensor " + name + ": dtype " + dtype.stringValue()
                    + " is not supported (F32, and I64 for num_batches_tracked); save the model as float32");
        }
        long[] dimensions = new long[shape.size()];
        for (int i = 0; i < dimensions.length; i++) {
            dimensions[i] = nonNegative(name, "shape", shape.get(i));
        }
        Entry entry = new Entry(
                name,
                dtype.stringValue(),
                dimensions,
                nonNegative(name, "data_offsets", offsets.get(0)),
                nonNegative(name, "data_offsets", offsets.get(1)));
        checkSize(entry);
        return entry;
    }

    private static long nonNegative(String name, String field, JsonNode value) {
        if (value == null || !value.canConvertToExactIntegral() || !value.canConvertToLong() || value.longValue() < 0) {
            throw new SafetensorsException("tensor " + name + ": " + field + " must hold non-negative integers");
        }
        return value.longValue();
    }

    private static void checkSize(Entry entry) {
        long bytes;
        try {
            bytes = Math.multiplyExact(entry.elements(), entry.dtype().equals("F32") ? 4 : 8);
        } catch (ArithmeticException e) {
            throw new SafetensorsException("tensor " + entry.name() + ": shape " + entry.shapeText() + " is too large");
        }
        if (entry.end() < entry.begin() || entry.end() - entry.begin() != bytes) {
            throw new SafetensorsException("tensor " + entry.name() + ": data_offsets [" + entry.begin() + ", "
                    + entry.end() + "] do not hold its shape " + entry.shapeText() + " (" + bytes + " bytes)");
        }
    }

    /** The ranges must tile [0, dataBytes) exactly: no gap, no overlap, nothing beyond the file. */
    private static void checkRanges(Map<String, Entry> entries, long dataBytes) {
        List<Entry> sorted = new ArrayList<>(entries.values());
        sorted.sort(Comparator.comparingLong(Entry::begin).thenComparingLong(Entry::end));
        long position = 0;
        for (Entry entry : sorted) {
            if (entry.begin() != position) {
                throw new SafetensorsException("tensor " + entry.name() + ": data_offsets start at " + entry.begin()
                        + ", expected " + position + " (ranges overlap or leave a gap)");
            }
            position = entry.end();
        }
        if (position != dataBytes) {
            throw new SafetensorsException("the tensors hold " + position + " bytes of data, the file has " + dataBytes
                    + " after the header (truncated or trailing bytes)");
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new SafetensorsException("the file ends before byte " + (position + length));
            }
        }
        return buffer.flip();
    }
}
