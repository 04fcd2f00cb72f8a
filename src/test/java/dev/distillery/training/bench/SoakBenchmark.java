package dev.distillery.training.bench;

import dev.distillery.methods.MethodRegistry;
import dev.distillery.training.ArchitectureCatalog;
import dev.distillery.training.DatasetCatalog;
import dev.distillery.training.DatasetRef;
import dev.distillery.training.EpochMetrics;
import dev.distillery.training.LiveArrays;
import dev.distillery.training.Plans;
import dev.distillery.training.TrainingPlan;
import dev.distillery.training.TrainingService;
import dev.distillery.training.data.DataFixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Do long runs stay flat? In one JVM (one service's training engine): 300 epochs of a small model (mlp, ce, 1,000
 * synthetic images), then 30 of resnet8x4 on random CIFAR-shaped data (CIFAR-100 binary files written to a temporary
 * directory); after epochs 10, 100 and 300 (10 and 30) it prints the process's RSS, the JVM heap after a collection
 * and DJL's count of live NDArrays, then each run's growth from epoch 10 to its end. Target: &lt; 3 % and a live count
 * that does not grow. Options: {@code --small-epochs} (300), {@code --resnet-epochs} (30).
 */
public final class SoakBenchmark {

    private SoakBenchmark() {}

    public static void main(String[] args) throws IOException {
        int small = option(args, "--small-epochs", 300);
        int resnet = option(args, "--resnet-epochs", 30);
        TrainingService service =
                new TrainingService(new DatasetCatalog(), new ArchitectureCatalog(), new MethodRegistry());
        report(
                "mlp ce, synthetic (1,000 images)",
                soak(service, Plans.ce("mlp", small, 1000, 200), Set.of(10, 100, small)));
        Path cifar = Files.createTempDirectory("soak-cifar100");
        DataFixtures.writeCifar(cifar.resolve("train.bin"), 512, 0, true);
        DataFixtures.writeCifar(cifar.resolve("test.bin"), 128, 512, true);
        TrainingPlan plan = Plans.withDataset(
                Plans.ce("resnet8x4", resnet, null, null), new DatasetRef("cifar100", cifar.toString(), null, null));
        report("resnet8x4 ce, random CIFAR-shaped (512 images)", soak(service, plan, Set.of(10, resnet)));
    }

    private static List<Sample> soak(TrainingService service, TrainingPlan plan, Set<Integer> at) {
        List<Sample> samples = new ArrayList<>();
        service.train(
                plan,
                epoch -> {
                    if (EpochMetrics.STUDENT.equals(epoch.phase()) && at.contains(epoch.epoch())) {
                        Sample sample = Sample.now(epoch.epoch());
                        samples.add(sample);
                        System.out.println(sample);
                    }
                },
                () -> false);
        return samples;
    }

    private static void report(String run, List<Sample> samples) {
        Sample first = samples.get(0);
        Sample last = samples.get(samples.size() - 1);
        System.out.printf(
                Locale.ROOT,
                "%s: epoch %d -> %d: RSS %+.2f %%, heap %+.2f %%, live NDArrays %+d%n",
                run,
                first.epoch,
                last.epoch,
                100.0 * (last.rss - first.rss) / first.rss,
                100.0 * (last.heap - first.heap) / first.heap,
                last.arrays - first.arrays);
    }

    private record Sample(int epoch, long rss, long heap, long arrays) {

        static Sample now(int epoch) {
            System.gc();
            Runtime runtime = Runtime.getRuntime();
            return new Sample(epoch, residentBytes(), runtime.totalMemory() - runtime.freeMemory(), LiveArrays.count());
        }

        private static long residentBytes() {
            try {
                return Files.readAllLines(Path.of("/proc/self/status")).stream()
                                .filter(line -> line.startsWith("VmRSS:"))
                                .map(line -> Long.parseLong(line.replaceAll("\\D", "")))
                                .findFirst()
                                .orElse(0L)
                        * 1024;
            } catch (IOException | NumberFormatException unavailable) {
                return 0;
            }
        }

        @Override
        public String toString() {
            return String.format(
                    Locale.ROOT,
                    "epoch %4d: RSS %7.1f MiB, heap %6.1f MiB, live NDArrays %d",
                    epoch,
                    rss / 1048576.0,
                    heap / 1048576.0,
                    arrays);
        }
    }

    private static int option(String[] args, String name, int fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return Integer.parseInt(args[i + 1]);
            }
        }
        return fallback;
    }
}
