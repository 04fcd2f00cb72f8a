package dev.distillery.training.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.training.InputShape;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CutoutTest {

    static Stream<PilExpected.Case> cutouts() {
        return PilExpected.cases().filter(PilExpected.Case::isCutoutOnly);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cutouts")
    void paintsWhatPilDraws(PilExpected.Case c) {
        RandAugmentTest.assertSamePixels(c);
    }

    @Test
    void fillsTheInclusiveSquareInTheReferencesGrey() {
        InputShape shape = new InputShape(3, 32, 32);
        int[] image = new int[shape.size()];

        // side 16 around (20.3, 10.9): x0 = trunc(12.3) = 12, x1 = 12 + 16 = 28; y0 = trunc(2.9) = 2, y1 = 18
        int[] out = Cutout.paint(image, shape, 16, 20.3, 10.9);

        int[] expected = new int[shape.size()];
        for (int c = 0; c < 3; c++) {
            for (int y = 2; y <= 18; y++) {
                for (int x = 12; x <= 28; x++) {
                    expected[c * 1024 + y * 32 + x] = Cutout.RGB_FILL[c];
                }
            }
        }
        assertThat(out).isEqualTo(expected);
        assertThat(image).isEqualTo(new int[shape.size()]);
    }

    @Test
    void clipsAtTheImageEdgeAndFillsGrayscaleWithTheLumaOfTheGrey() {
        InputShape shape = new InputShape(1, 28, 28);

        int[] out = Cutout.paint(new int[shape.size()], shape, 14, 28, 27.5);

        // x0 = 21, x1 = min(28, 35) clipped to 27; y0 = trunc(20.5) = 20, y1 = 27
        assertThat(IntStream.of(out).filter(v -> v != 0).toArray())
                .hasSize(7 * 8)
                .containsOnly(Cutout.GRAY_FILL);
        assertThat(out[20 * 28 + 21]).isEqualTo(Cutout.GRAY_FILL);
        assertThat(out[19 * 28 + 21]).isZero();
        assertThat(out[20 * 28 + 20]).isZero();
        assertThat(Cutout.GRAY_FILL).isEqualTo(ImageOps.luma(Cutout.RGB_FILL, new InputShape(3, 1, 1))[0]);
    }

    @Test
    void randomSquaresFollowTheReferencesDraws() {
        InputShape shape = new InputShape(3, 32, 32);
        int[] image = new int[shape.size()];
        Random draws = new Random(5);
        Random random = new Random(5);
        int smallest = Integer.MAX_VALUE;
        int largest = 0;
        int mismatches = 0;
        for (int i = 0; i < 200; i++) {
            double side = draws.nextDouble() * 0.5 * 32;
            double centreX = 32 + (1 - 32) * draws.nextDouble();
            double centreY = 32 + (1 - 32) * draws.nextDouble();

            int[] out = Cutout.apply(image, shape, random);

            mismatches += Arrays.equals(out, Cutout.paint(image, shape, side, centreX, centreY)) ? 0 : 1;
            int painted = 0;
            for (int j = 0; j < 1024; j++) {
                painted += out[j] == 0 ? 0 : 1;
            }
            smallest = Math.min(smallest, painted);
            largest = Math.max(largest, painted);
        }
        assertThat(mismatches).isZero();
        assertThat(smallest).isPositive();
        assertThat(largest).isGreaterThan(14 * 14).isLessThanOrEqualTo(17 * 17);
    }
}
