package dev.distillery.hostile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generators of valid specs and of hostile values. */
final class Hostile {

    private Hostile() {}

    static final List<String> ARCHITECTURES =
            List.of("mlp", "lenet5", "resnet8x4", "resnet20", "wrn_16_2", "vgg8", "shufflenetv2");

    /** Every field path of a spec (and a few that are not). */
    static final List<String> PATHS = List.of(
            "name",
            "method",
            "teacher",
            "teacher.architecture",
            "teacher.experimentId",
            "teacher.checkpoint",
            "teacher.training",
            "teacher.training.epochs",
            "student",
            "student.architecture",
            "dataset",
            "dataset.name",
            "dataset.path",
            "dataset.trainLimit",
            "dataset.testLimit",
            "temperature",
            "zscore",
            "lossWeights",
            "lossWeights.ce",
            "lossWeights.kd",
            "training",
            "training.epochs",
            "training.batchSize",
            "training.optimizer",
            "training.learningRate",
            "training.momentum",
            "training.weightDecay",
            "training.lrDecayRate",
            "training.lrDecayEpochs",
            "training.augment",
            "training.maxMinutes",
            "methodParams",
            "methodParams.alpha",
            "methodParams.beta",
            "methodParams.warmupEpochs",
            "seed",
            "priority",
            "device",
            "tags",
            "repeats",
            "unknownField",
            "training.unknown",
            "dataset.unknown",
            "student.depth");

    /** A valid spec: every field in range (strings without NUL, which PostgreSQL cannot store), as a JSON tree. */
    static Arbitrary<Map<String, Object>> validSpecs() {
        Arbitrary<Map<String, Object>> head = Combinators.combine(
                        Arbitraries.of("ce", "kd"),
                        Arbitraries.of(ARCHITECTURES),
                        Arbitraries.of(ARCHITECTURES),
                        Arbitraries.integers().between(1, 1000),
                        Arbitraries.integers().between(1, 4096),
                        Arbitraries.doubles().between(1e-6, 10).ofScale(6),
                        Arbitraries.doubles().between(0, 0.999).ofScale(4),
                        Arbitraries.longs().between(0, Integer.MAX_VALUE - 20L))
                .as((method, student, teacher, epochs, batch, lr, momentum, seed) -> {
                    Map<String, Object> spec = new LinkedHashMap<>();
                    spec.put("method", method);
                    spec.put("student", new LinkedHashMap<>(Map.of("architecture", student)));
                    spec.put("dataset", new LinkedHashMap<>(Map.of("name", "synthetic")));
                    if (method.equals("kd")) {
                        spec.put("teacher", new LinkedHashMap<>(Map.of("architecture", teacher)));
                    }
                    Map<String, Object> training = new LinkedHashMap<>();
                    training.put("epochs", epochs);
                    training.put("batchSize", batch);
                    training.put("learningRate", lr);
                    training.put("momentum", momentum);
                    spec.put("training", training);
                    spec.put("seed", seed);
                    return spec;
                });
        return Combinators.combine(
                        head,
                        Arbitraries.strings()
                                .excludeChars('\u0000')
                                .ofMaxLength(200)
                                .injectNull(0.3),
                        Arbitraries.doubles().between(0.01, 100).injectNull(0.5),
                        Arbitraries.integers().between(-100, 100),
                        tags(),
                        Arbitraries.integers().between(1, 3),
                        Arbitraries.doubles().between(0, 1000),
                        Arbitraries.of(true, false))
                .as((spec, name, temperature, priority, tags, repeats, kdWeight, zscore) -> {
                    if (name != null) {
                        spec.put("name", name);
                    }
                    if (temperature != null && spec.get("method").equals("kd")) {
                        spec.put("temperature", temperature); // ce refuses settings it does not read
                    }
                    spec.put("priority", priority);
                    spec.put("tags", tags);
                    if (repeats > 1) {
                        spec.put("repeats", repeats);
                    }
                    if (spec.get("method").equals("kd")) {
                        spec.put("zscore", zscore);
                        spec.put("lossWeights", new LinkedHashMap<>(Map.of("ce", 0.1, "kd", kdWeight)));
                    }
                    return spec;
                });
    }

    static Arbitrary<Map<String, Object>> tags() {
        Arbitrary<String> keys =
                Arbitraries.strings().withChars("abcXYZ019_.-/").ofMinLength(1).ofMaxLength(64);
        return Arbitraries.maps(
                        keys, Arbitraries.strings().excludeChars('\u0000').ofMaxLength(256))
                .ofMaxSize(20)
                .map(m -> new LinkedHashMap<String, Object>(m));
    }

    /** Strings full of what breaks naive code: emoji, RTL marks, NUL, lone surrogates, SQL, control chars. */
    static Arbitrary<String> nastyStrings() {
        Arbitrary<String> pieces = Arbitraries.of(
                "😀",
                "👩‍👩‍👧‍👦",
                "\u202E",
                "\u200F",
                "مرحبا",
                "שלום",
                "\u0000",
                "\uD800",
                "\uDFFF",
                "\uFEFF",
                "\u0007",
                "'; drop table experiments; --",
                "\" OR 1=1 --",
                "%",
                "_",
                "\\",
                "../",
                "${jndi:ldap://x}",
                "<script>",
                "\r\n",
                "ǅ",
                "İ",
                "ß",
                "\u0301",
                "𝔘𝔫𝔦",
                " ",
                "");
        return Combinators.combine(
                        pieces.list().ofMaxSize(12), Arbitraries.strings().all().ofMaxLength(20))
                .as((list, random) -> String.join("", list) + random);
    }

    /** A value of any type and size that a field may be sent. */
    static Arbitrary<Object> hostileValues() {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(
                        3,
                        Arbitraries.of(
                                        new Json.Raw("NaN"),
                                        new Json.Raw("Infinity"),
                                        new Json.Raw("-Infinity"),
                                        new Json.Raw("1e999"),
                                        new Json.Raw("-1e999"),
                                        new Json.Raw("-0"),
                                        new Json.Raw("1e-999"),
                                        new Json.Raw("99999999999999999999999999999"),
                                        new Json.Raw("-99999999999999999999999999999"),
                                        new Json.Raw("0.5e1"),
                                        new Json.Raw("1E2"),
                                        new Json.Raw("0x10"),
                                        new Json.Raw("01"),
                                        new Json.Raw("+1"),
                                        new Json.Raw(".5"),
                                        new Json.Raw("true"),
                                        new Json.Raw("null"),
                                        new Json.Raw("[]"),
                                        new Json.Raw("{}"),
                                        new Json.Raw("\"\""),
                                        new Json.Raw("[null]"),
                                        new Json.Raw("{\"\":null}"))
                                .map(o -> (Object) o)),
                net.jqwik.api.Tuple.of(
                        3,
                        Arbitraries.of(
                                        0,
                                        -1,
                                        1,
                                        2,
                                        100,
                                        101,
                                        1000,
                                        1001,
                                        4096,
                                        4097,
                                        Integer.MAX_VALUE,
                                        Integer.MIN_VALUE,
                                        Long.MAX_VALUE,
                                        Long.MIN_VALUE,
                                        2147483648L,
                                        -2147483649L,
                                        0.0,
                                        1.0,
                                        0.999999,
                                        1e-300,
                                        1e300,
                                        -1e-300,
                                        Double.MAX_VALUE,
                                        Double.MIN_VALUE,
                                        100.0000001,
                                        -100.5)
                                .map(o -> (Object) o)),
                net.jqwik.api.Tuple.of(2, Arbitraries.doubles().map(o -> (Object) o)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().map(o -> (Object) o)),
                net.jqwik.api.Tuple.of(3, nastyStrings().map(o -> (Object) o)),
                net.jqwik.api.Tuple.of(
                        2,
                        Arbitraries.of(
                                        "ce",
                                        "kd",
                                        "dkd",
                                        "best",
                                        "last",
                                        "gpu",
                                        "any",
                                        "sgd",
                                        "adam",
                                        "synthetic",
                                        "mnist",
                                        "cifar100",
                                        "lenet5",
                                        "resnet9000",
                                        "/etc",
                                        "/dev/zero",
                                        "/proc/self/environ",
                                        "../../..",
                                        "8a0e7f4e-3f7c-4b43-9a34-4a8c1bb0c0de",
                                        "00000000-0000-0000-0000-000000000000",
                                        "not-a-uuid",
                                        "CE",
                                        " kd ")
                                .map(o -> (Object) o)),
                net.jqwik.api.Tuple.of(
                        1, Arbitraries.integers().between(1, 200_000).map(n -> (Object) "x".repeat(n))),
                net.jqwik.api.Tuple.of(
                        1, Arbitraries.integers().between(1, 3000).map(Hostile::nested)),
                net.jqwik.api.Tuple.of(
                        1, Arbitraries.integers().between(0, 50_000).map(n ->
                                (Object) new ArrayList<Object>(java.util.Collections.nCopies(n, 1)))),
                net.jqwik.api.Tuple.of(2, jsonTrees(3).map(o -> (Object) o)));
    }

    /** An array nested {@code depth} levels (or an object, for odd depths). */
    static Object nested(int depth) {
        String open = depth % 2 == 0 ? "[" : "{\"a\":";
        String close = depth % 2 == 0 ? "]" : "}";
        return new Json.Raw(open.repeat(depth) + "1" + close.repeat(depth));
    }

    /** Random JSON trees up to the given depth. */
    static Arbitrary<Object> jsonTrees(int depth) {
        Arbitrary<Object> leaves = Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.of(true, false).map(o -> o),
                Arbitraries.integers().map(o -> (Object) o),
                Arbitraries.doubles().map(o -> (Object) o),
                Arbitraries.strings().ofMaxLength(30).map(o -> (Object) o),
                Arbitraries.of(PATHS).map(o -> (Object) o));
        if (depth <= 0) {
            return leaves;
        }
        Arbitrary<Object> child = Arbitraries.lazy(() -> jsonTrees(depth - 1));
        Arbitrary<String> keys = Arbitraries.oneOf(
                Arbitraries.of(
                        "name",
                        "method",
                        "student",
                        "dataset",
                        "teacher",
                        "training",
                        "seed",
                        "tags",
                        "repeats",
                        "architecture",
                        "epochs",
                        "grid",
                        "spec",
                        "teacher",
                        "student",
                        "temperature"),
                Arbitraries.strings().ofMaxLength(10));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, leaves),
                net.jqwik.api.Tuple.of(1, child.list().ofMaxSize(5).map(o -> (Object) o)),
                net.jqwik.api.Tuple.of(
                        2, Arbitraries.maps(keys, child).ofMaxSize(6).map(m -> (Object) new LinkedHashMap<>(m))));
    }

    /** Sets (creating parents) or, with {@code REMOVE}, deletes the value at a dotted path. */
    @SuppressWarnings("unchecked")
    static void set(Map<String, Object> root, String path, Object value) {
        String[] parts = path.split("\\.");
        Map<String, Object> node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            Object child = node.get(parts[i]);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(parts[i], child);
            }
            node = (Map<String, Object>) child;
        }
        if (value == REMOVE) {
            node.remove(parts[parts.length - 1]);
        } else {
            node.put(parts[parts.length - 1], value);
        }
    }

    static final Object REMOVE = new Object();
}
