package dev.distillery.training.engine;

import ai.djl.Device;
import dev.distillery.methods.CrossEntropyMethod;
import dev.distillery.methods.KnowledgeDistillation;
import dev.distillery.training.ArchitectureCatalog;
import dev.distillery.training.DatasetCatalog;
import dev.distillery.training.DatasetRef;
import dev.distillery.training.DjlTestThreads;
import dev.distillery.training.EpochListener;
import dev.distillery.training.EpochMetrics;
import dev.distillery.training.TrainingException;
import dev.distillery.training.TrainingPlan;
import dev.distillery.training.data.ImageData;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Trains a lenet5 teacher with cross-entropy, saves it as a checkpoint, then distils an mlp student from the loaded
 * checkpoint with {@code kd} in four variants (zscore on/off, memoized/live teacher logits), each {@code repeats}
 * times, and prints one fingerprint line per run: every metric of every epoch, exactly. Run in a JVM of its own
 * (so that {@code MALLOC_PERTURB_} can fill freed native memory), optionally with a thread that forces garbage
 * collections and reuses freed direct memory all along: the memory pressure under which runs used to be corrupted.
 *
 * <p>Arguments: {@code dataset trainLimit testLimit epochs learningRate repeats pressure(true|false) outputFile}.
 */
public final class DeterminismProbe {

    /** The four variants, in the order they are run and printed. */
    public static final List<String> VARIANTS = List.of("zscore-memo", "zscore-live", "plain-memo", "plain-live");

    private DeterminismProbe() {}

    public static void main(String[] args) throws Exception {
        DjlTestThreads.oneThreadUnlessConfigured();
        Settings settings = Settings.parse(args);
        AtomicBoolean stop = new AtomicBoolean();
        Thread pressure = settings.pressure() ? startPressure(stop) : null;
        try (PrintStream out = new PrintStream(Files.newOutputStream(settings.output()), true)) {
            for (String line : run(settings)) {
                out.println(line);
            }
        } finally {
            stop.set(true);
            if (pressure != null) {
                pressure.join();
            }
        }
    }

    /** The probe's inputs; {@code pressure} starts the collection thread. */
    public record Settings(
            String dataset,
            int trainLimit,
            int testLimit,
            int epochs,
            double learningRate,
            int repeats,
            boolean pressure,
            Path output) {

        static Settings parse(String[] args) {
            return new Settings(
                    args[0],
                    Integer.parseInt(args[1]),
                    Integer.parseInt(args[2]),
                    Integer.parseInt(args[3]),
                    Double.parseDouble(args[4]),
                    Integer.parseInt(args[5]),
                    Boolean.parseBoolean(args[6]),
                    Path.of(args[7]));
        }

        public List<String> arguments() {
            return List.of(
                    dataset,
                    String.valueOf(trainLimit),
                    String.valueOf(testLimit),
                    String.valueOf(epochs),
                    String.valueOf(learningRate),
                    String.valueOf(repeats),
                    String.valueOf(pressure),
                    output.toString());
        }
    }

    /** Lines {@code variant<TAB>repeat<TAB>fingerprint}, the variants in {@link #VARIANTS} order. */
    public static List<String> run(Settings settings) throws IOException {
        ImageData data = new DatasetCatalog()
                .load(new DatasetRef(settings.dataset(), null, settings.trainLimit(), settings.testLimit()));
        Path teacher = Files.createTempFile("probe-teacher", ".params");
        try {
            trainTeacher(data, settings, teacher);
            List<String> lines = new ArrayList<>();
            for (int repeat = 1; repeat <= settings.repeats(); repeat++) {
                for (String variant : VARIANTS) {
                    lines.add(variant + "\t" + repeat + "\t" + distil(data, settings, teacher, variant));
                }
            }
            return lines;
        } finally {
            Files.deleteIfExists(teacher);
        }
    }

    private static void trainTeacher(ImageData data, Settings settings, Path file) {
        TrainingPlan plan = new TrainingPlan(
                "ce",
                "lenet5",
                null,
                ref(settings),
                1.0,
                false,
                1.0,
                0.0,
                settings.epochs(),
                64,
                "sgd",
                settings.learningRate(),
                0.9,
                5e-4,
                List.of(),
                0.1,
                false,
                7L);
        EpochListener saveLast = new EpochListener() {
            @Override
            public void onEpoch(EpochMetrics metrics) {}

            @Override
            public void onStudentEpoch(EpochMetrics metrics, ParameterWriter parameters) {
                if (metrics.epoch() == settings.epochs()) {
                    try (OutputStream out = Files.newOutputStream(file)) {
                        parameters.writeTo(out);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
        ArchitectureCatalog catalog = new ArchitectureCatalog();
        new TrainingRun(Device.cpu(), plan, data, catalog.find("lenet5").orElseThrow(), null, new CrossEntropyMethod())
                .execute(saveLast, () -> false);
    }

    /** One kd run of {@code variant}: its fingerprint, or {@code FAILED: reason}. */
    private static String distil(ImageData data, Settings settings, Path teacher, String variant) {
        boolean zscore = variant.startsWith("zscore");
        TrainingPlan plan = new TrainingPlan(
                "kd",
                "mlp",
                "lenet5",
                ref(settings),
                zscore ? 2.0 : 4.0,
                zscore,
                0.1,
                zscore ? 9.0 : 0.9,
                settings.epochs(),
                64,
                "sgd",
                settings.learningRate(),
                0.9,
                5e-4,
                List.of(),
                0.1,
                false,
                2L,
                Map.of(),
                teacher,
                null,
                null,
                null);
        ArchitectureCatalog catalog = new ArchitectureCatalog();
        List<EpochMetrics> epochs = new ArrayList<>();
        try {
            new TrainingRun(
                            Device.cpu(),
                            plan,
                            data,
                            data,
                            catalog.find("mlp").orElseThrow(),
                            catalog.find("lenet5").orElseThrow(),
                            new KnowledgeDistillation(),
                            new CrossEntropyMethod(),
                            new TrainingRun.Options(variant.endsWith("memo")))
                    .execute(epochs::add, () -> false);
        } catch (TrainingException e) {
            return "FAILED: " + e.getMessage();
        }
        StringBuilder fingerprint = new StringBuilder();
        for (EpochMetrics m : epochs) {
            fingerprint
                    .append(String.join(
                            ",",
                            m.phase(),
                            String.valueOf(m.epoch()),
                            String.valueOf(m.trainLoss()),
                            String.valueOf(m.trainTop1()),
                            String.valueOf(m.testLoss()),
                            String.valueOf(m.testTop1()),
                            String.valueOf(m.testTop5()),
                            String.valueOf(m.learningRate()),
                            String.valueOf(new TreeMap<>(m.lossTerms())),
                            String.valueOf(m.diagnostics())))
                    .append(';');
        }
        return fingerprint.toString();
    }

    private static DatasetRef ref(Settings settings) {
        return new DatasetRef(settings.dataset(), null, settings.trainLimit(), settings.testLimit());
    }

    /**
     * Allocates garbage without pause, so that the (small) young generation is collected every few milliseconds and
     * direct buffers nobody references are freed at once; the small direct buffers it allocates, full of a large
     * value, make glibc hand freed native memory out again and overwrite it. Every tenth round forces a full
     * collection as well.
     */
    private static Thread startPressure(AtomicBoolean stop) {
        Thread thread = new Thread(
                () -> {
                    List<ByteBuffer> recent = new ArrayList<>();
                    long rounds = 0;
                    while (!stop.get()) {
                        if (++rounds % 10 == 0) {
                            System.gc();
                        }
                        for (int i = 0; i < 64; i++) {
                            ByteBuffer buffer = ByteBuffer.allocateDirect(8 << (i % 4));
                            while (buffer.remaining() >= 8) {
                                buffer.putDouble(1e30);
                            }
                            recent.add(buffer);
                            GARBAGE.set(new byte[16 * 1024]);
                        }
                        if (recent.size() > 4096) {
                            recent.clear();
                        }
                        Thread.onSpinWait();
                    }
                },
                "gc-pressure");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Keeps the garbage from being optimized away. */
    private static final java.util.concurrent.atomic.AtomicReference<byte[]> GARBAGE =
            new java.util.concurrent.atomic.AtomicReference<>();
}
