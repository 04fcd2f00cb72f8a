package dev.distillery.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Debian's PyTorch ({@code /usr/bin/python3} with {@code python3-torch}) running the interop script
 * {@code src/test/resources/interop/torch_interop.py}: the independent side of every interop test. Tests skip, saying
 * so, only when torch is not importable (CI installs it).
 */
public final class PyTorch {

    private static final Path PYTHON = Path.of("/usr/bin/python3");
    private static Boolean available;

    private PyTorch() {}

    /** Skips the calling test when Debian's python3-torch is missing. */
    public static synchronized void assumeAvailable() {
        if (available == null) {
            available = Files.isExecutable(PYTHON) && exitCode(List.of(PYTHON.toString(), "-c", "import torch")) == 0;
        }
        Assumptions.assumeTrue(
                available,
                "Debian's python3-torch is not installed (/usr/bin/python3 -c 'import torch'"
                        + " fails): apt-get install python3-torch");
    }

    /** Runs a command of the interop script and fails the test with its output when it fails. */
    public static void run(String... arguments) {
        List<String> command = new ArrayList<>(List.of(PYTHON.toString(), script().toString()));
        command.addAll(List.of(arguments));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            assertThat(process.waitFor(5, TimeUnit.MINUTES))
                    .as("torch_interop.py finished")
                    .isTrue();
            assertThat(process.exitValue())
                    .as(String.join(" ", command) + "\n" + output)
                    .isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code rows} × {@code columns} little-endian float32 values read from {@code file}. */
    public static float[][] readFloats(Path file, int columns) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        int count = buffer.remaining() / Float.BYTES;
        float[][] rows = new float[count / columns][columns];
        for (float[] row : rows) {
            buffer.asFloatBuffer().get(row);
            buffer.position(buffer.position() + columns * Float.BYTES);
        }
        return rows;
    }

    /** Writes rows as little-endian float32 values. */
    public static void writeFloats(Path file, float[][] rows) throws IOException {
        ByteBuffer buffer =
                ByteBuffer.allocate(rows.length * rows[0].length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (float[] row : rows) {
            for (float value : row) {
                buffer.putFloat(value);
            }
        }
        Files.write(file, buffer.array());
    }

    /** {@code count} inputs of {@code size} standard-normal values drawn from {@code seed}. */
    public static float[][] randomInputs(int count, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[][] rows = new float[count][size];
        for (float[] row : rows) {
            for (int i = 0; i < size; i++) {
                row[i] = (float) gaussian(random);
            }
        }
        return rows;
    }

    /** The largest |a - b| over all cells; the arrays must have the same shape. */
    public static double maxAbsDifference(float[][] a, float[][] b) {
        assertThat(a.length).isEqualTo(b.length);
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            assertThat(a[i].length).isEqualTo(b[i].length);
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs(a[i][j] - b[i][j]));
            }
        }
        return max;
    }

    private static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble());
    }

    private static Path script() {
        try {
            return Path.of(
                    PyTorch.class.getResource("/interop/torch_interop.py").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int exitCode(List<String> command) {
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(2, TimeUnit.MINUTES) ? process.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
