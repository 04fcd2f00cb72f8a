package dev.distillery.training.engine;

import dev.distillery.training.InputShape;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The expected results written by PIL itself ({@code src/test/resources/augment/make_pil_expected.py}): fixed images
 * and, per case, the steps applied (op and magnitude, or cutout side fraction and centre) and PIL's result.
 */
final class PilExpected {

    record Image(String name, InputShape shape, int[] pixels) {}

    record Step(String op, double[] params) {}

    record Case(Image image, List<Step> steps, int[] expected) {

        boolean isCutoutOnly() {
            return steps.size() == 1 && steps.get(0).op().equals("CUTOUT");
        }

        boolean isSingleOp() {
            return steps.size() == 1 && !isCutoutOnly();
        }

        /** The steps run by the Java classes: RandAugment's ops, and Cutout.paint with the given draws. */
        int[] applyInJava() {
            int[] pixels = image.pixels();
            for (Step step : steps) {
                double[] p = step.params();
                pixels = step.op().equals("CUTOUT")
                        ? Cutout.paint(
                                pixels, image.shape(), p[0] * image.shape().width(), p[1], p[2])
                        : RandAugment.apply(RandAugment.Op.valueOf(step.op()), p[0], pixels, image.shape());
            }
            return pixels;
        }

        @Override
        public String toString() {
            return image.name() + " "
                    + String.join(
                            "|",
                            steps.stream()
                                    .map(s -> s.op() + Arrays.toString(s.params()))
                                    .toList());
        }
    }

    private static final List<Case> CASES = load();

    private PilExpected() {}

    static Stream<Case> cases() {
        return CASES.stream();
    }

    private static List<Case> load() {
        Map<String, Image> images = new HashMap<>();
        List<Case> cases = new ArrayList<>();
        try (InputStream in = PilExpected.class.getResourceAsStream("/augment/pil_expected.txt");
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] f = line.split(" ");
                if (f[0].equals("IMAGE")) {
                    InputShape shape =
                            new InputShape(Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]));
                    images.put(f[1], new Image(f[1], shape, hex(f[5])));
                } else {
                    cases.add(new Case(images.get(f[1]), steps(f[2]), hex(f[3])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return List.copyOf(cases);
    }

    private static List<Step> steps(String text) {
        return Arrays.stream(text.split("\\|"))
                .map(step -> {
                    String[] opAndParams = step.split(":");
                    double[] params = Arrays.stream(opAndParams[1].split(";"))
                            .mapToDouble(Double::parseDouble)
                            .toArray();
                    return new Step(opAndParams[0], params);
                })
                .toList();
    }

    private static int[] hex(String text) {
        int[] values = new int[text.length() / 2];
        for (int i = 0; i < values.length; i++) {
            values[i] = Integer.parseInt(text, 2 * i, 2 * i + 2, 16);
        }
        return values;
    }
}
