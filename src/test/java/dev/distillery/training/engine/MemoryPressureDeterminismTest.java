package dev.distillery.training.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.training.DjlTestThreads;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 18: a seed gives the same numbers every time, also under memory pressure. A lenet5 teacher is trained and
 * saved, an mlp student distilled from the loaded checkpoint with {@code kd} (zscore on and off, teacher logits
 * memoized and live). The runs of a quiet JVM are the reference; a second JVM repeats every variant three times while
 * a thread collects garbage back to back and glibc perturbs freed memory. Every metric of every epoch must match.
 */
class MemoryPressureDeterminismTest {

    @TempDir
    Path directory;

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    @Test
    void everyRunUnderMemoryPressureEqualsTheQuietRunBitForBit() throws Exception {
        DeterminismProbe.Settings quiet = settings(1, false, "quiet.txt");
        Map<String, String> reference = byVariant(DeterminismProbe.run(quiet));
        assertThat(reference.keySet()).containsExactlyElementsOf(DeterminismProbe.VARIANTS);
        assertThat(reference.values()).noneMatch(fingerprint -> fingerprint.startsWith("FAILED"));
        assertThat(reference.get("zscore-memo")).isEqualTo(reference.get("zscore-live"));
        assertThat(reference.get("plain-memo")).isEqualTo(reference.get("plain-live"));

        List<String> stressed =
                ProbeProcess.run(settings(3, true, "stressed.txt"), true, 10, directory.resolve("stressed.log"));

        assertThat(stressed).hasSize(3 * DeterminismProbe.VARIANTS.size());
        for (String line : stressed) {
            String[] fields = line.split("\t", 3);
            assertThat(fields[2])
                    .as("%s run %s under memory pressure", fields[0], fields[1])
                    .isEqualTo(reference.get(fields[0]));
        }
    }

    private DeterminismProbe.Settings settings(int repeats, boolean pressure, String output) {
        return new DeterminismProbe.Settings(
                "synthetic", 768, 128, 2, 0.02, repeats, pressure, directory.resolve(output));
    }

    static Map<String, String> byVariant(List<String> lines) {
        Map<String, String> fingerprints = new LinkedHashMap<>();
        for (String line : lines) {
            String[] fields = line.split("\t", 3);
            fingerprints.putIfAbsent(fields[0], fields[2]);
        }
        return fingerprints;
    }
}
