package dev.distillery.training.bench;

import dev.distillery.training.Architecture;
import dev.distillery.training.ArchitectureCatalog;
import dev.distillery.training.DatasetCatalog;
import dev.distillery.training.DatasetRef;
import dev.distillery.training.InputShape;
import dev.distillery.training.data.ImageData;
import dev.distillery.training.data.ImageSplit;
import dev.distillery.training.engine.BenchmarkHarness;
import dev.distillery.training.engine.BenchmarkHarness.EpochKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;

/**
 * The product's half of the side-by-side benchmark against PyTorch eager ({@code pytorch_benchmark.py} beside this
 * file has the other half, {@code bin/benchmark-vs-pytorch} runs both in turn). Measures, at the product's default
 * thread setting unless {@code -Dai.djl.pytorch.num_threads} says otherwise, the median wall seconds of:
 * <ul>
 *   <li>{@code ce_epoch_lenet5_fmnist}: a CE epoch of lenet5 on Fashion-MNIST (first {@code --fmnist-samples});</li>
 *   <li>{@code ce_step_resnet8x4}, {@code teacher_inference_resnet32x4}, {@code kd_step_live}: one step, batch 64,
 *       random CIFAR-shaped images, 100 classes;</li>
 *   <li>{@code kd_epoch_memoized}: a KD epoch of {@code --epoch-samples} with the teacher's logits memoized;</li>
 *   <li>{@code augmented_epoch_resnet8x4} (batches prepared ahead) and {@code ..._inline} (without prefetch), the
 *       same for lenet5 (a model whose steps are short enough for data preparation to show), and
 *       {@code augmented_batch_assembly}: one augmented batch assembled alone.</li>
 * </ul>
 * Writes them as one JSON object to {@code --out}. Options: {@code --steps} (5), {@code --rounds} (3),
 * {@code --epoch-samples} (1024), {@code --fmnist-samples} (20000), {@code --ops} (comma-separated subset).
 */
public final class FrameworkBenchmark {

    private static final int BATCH = 64;

    private FrameworkBenchmark() {}

    public static void main(String[] args) throws IOException {
        System.getProperties()
                .putIfAbsent(
                        "ai.djl.pytorch.num_threads",
                        Integer.toString(Runtime.getRuntime().availableProcessors()));
        System.getProperties().putIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        System.getProperties().putIfAbsent("ai.djl.offline", "true");
        Map<String, String> options = parse(args);
        int steps = Integer.parseInt(options.getOrDefault("steps", "5"));
        int rounds = Integer.parseInt(options.getOrDefault("rounds", "3"));
        int epochSamples = Integer.parseInt(options.getOrDefault("epoch-samples", "1024"));
        int fmnistSamples = Integer.parseInt(options.getOrDefault("fmnist-samples", "20000"));
        List<String> ops = Arrays.asList(options.getOrDefault("ops", "all").split(","));
        ArchitectureCatalog catalog = new ArchitectureCatalog();
        Map<String, Double> results = new LinkedHashMap<>();

        if (selected(ops, "ce_epoch_lenet5_fmnist")) {
            ImageData fashion = new DatasetCatalog().load(new DatasetRef("fashion-mnist", null, fmnistSamples, 1));
            try (BenchmarkHarness harness =
                    new BenchmarkHarness(fashion, find(catalog, "lenet5"), find(catalog, "mlp"), BATCH, 4)) {
                harness.ceStepMillis(5);
                results.put(
                        "ce_epoch_lenet5_fmnist", median(rounds, () -> harness.epochSeconds(EpochKind.CE, fmnistSamples)
                                .wall()));
            }
        }
        ImageData cifarShaped = randomImages(Math.max(epochSamples, steps * BATCH), new InputShape(3, 32, 32), 100);
        try (BenchmarkHarness harness =
                new BenchmarkHarness(cifarShaped, find(catalog, "resnet8x4"), find(catalog, "resnet32x4"), BATCH, 4)) {
            harness.ceStepMillis(2);
            harness.teacherMillis(2);
            harness.kdStepMillis(2, false);
            measure(
                    results,
                    ops,
                    rounds,
                    "ce_step_resnet8x4",
                    () -> harness.ceStepMillis(steps).wall() / 1000);
            measure(
                    results,
                    ops,
                    rounds,
                    "teacher_inference_resnet32x4",
                    () -> harness.teacherMillis(steps).wall() / 1000);
            measure(
                    results,
                    ops,
                    rounds,
                    "kd_step_live",
                    () -> harness.kdStepMillis(steps, false).wall() / 1000);
            measure(results, ops, rounds, "kd_epoch_memoized", () -> harness.epochSeconds(
                            EpochKind.KD_MEMOIZED_TEACHER, epochSamples)
                    .wall());
            measure(results, ops, rounds, "augmented_epoch_resnet8x4", () -> harness.augmentedEpochSeconds(
                            epochSamples, true)
                    .wall());
            measure(results, ops, rounds, "augmented_epoch_resnet8x4_inline", () -> harness.augmentedEpochSeconds(
                            epochSamples, false)
                    .wall());
            measure(
                    results,
                    ops,
                    rounds,
                    "augmented_batch_assembly",
                    () -> harness.augmentedAssemblyMillis(steps).wall() / 1000);
        }
        try (BenchmarkHarness harness =
                new BenchmarkHarness(cifarShaped, find(catalog, "lenet5"), find(catalog, "mlp"), BATCH, 4)) {
            harness.ceStepMillis(2);
            measure(results, ops, rounds, "augmented_epoch_lenet5", () -> harness.augmentedEpochSeconds(
                            epochSamples, true)
                    .wall());
            measure(results, ops, rounds, "augmented_epoch_lenet5_inline", () -> harness.augmentedEpochSeconds(
                            epochSamples, false)
                    .wall());
        }
        String json = json(results);
        System.out.println(json);
        if (options.containsKey("out")) {
            Files.writeString(Path.of(options.get("out")), json);
        }
    }

    private static boolean selected(List<String> ops, String op) {
        return ops.contains("all") || ops.contains(op);
    }

    private static void measure(
            Map<String, Double> results, List<String> ops, int rounds, String op, DoubleSupplier seconds) {
        if (selected(ops, op)) {
            results.put(op, median(rounds, seconds));
        }
    }

    private static double median(int rounds, DoubleSupplier seconds) {
        double[] values = new double[rounds];
        for (int i = 0; i < rounds; i++) {
            values[i] = seconds.getAsDouble();
        }
        Arrays.sort(values);
        return rounds % 2 == 1 ? values[rounds / 2] : (values[rounds / 2 - 1] + values[rounds / 2]) / 2;
    }

    private static String json(Map<String, Double> results) {
        List<String> fields = new ArrayList<>();
        results.forEach((op, seconds) -> fields.add(String.format(Locale.ROOT, "\"%s\": %.6f", op, seconds)));
        return String.format(
                Locale.ROOT,
                "{\"framework\": \"distillery\", \"threads\": %s, \"ops\": {%s}}",
                System.getProperty("ai.djl.pytorch.num_threads"),
                String.join(", ", fields));
    }

    static ImageData randomImages(int samples, InputShape shape, int classes) {
        Random random = new Random(1);
        byte[] pixels = new byte[samples * shape.size()];
        random.nextBytes(pixels);
        int[] labels = random.ints(samples, 0, classes).toArray();
        ImageSplit split = new ImageSplit(shape, pixels, labels);
        return new ImageData("random", classes, split, split);
    }

    private static Architecture find(ArchitectureCatalog catalog, String name) {
        return catalog.find(name).orElseThrow(() -> new IllegalArgumentException("unknown architecture " + name));
    }

    private static Map<String, String> parse(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            options.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        return options;
    }
}
