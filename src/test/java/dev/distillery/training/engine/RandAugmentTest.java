package dev.distillery.training.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillery.training.InputShape;
import java.util.EnumSet;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RandAugmentTest {

    static Stream<PilExpected.Case> singleOps() {
        return PilExpected.cases().filter(PilExpected.Case::isSingleOp);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleOps")
    void everyOpEqualsPilPixelForPixel(PilExpected.Case c) {
        assertSamePixels(c);
    }

    @Test
    void pilCasesCoverEveryOpOnRgbAndGray() {
        for (int channels : new int[] {1, 3}) {
            Set<RandAugment.Op> covered = singleOps()
                    .filter(c -> c.image().shape().channels() == channels)
                    .map(c -> RandAugment.Op.valueOf(c.steps().get(0).op()))
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(RandAugment.Op.class)));
            assertThat(covered).as("channels " + channels).containsExactlyInAnyOrder(RandAugment.Op.values());
        }
    }

    @Test
    void opListAndRangesAreTheReferences() {
        assertThat(RandAugment.Op.values()).hasSize(14);
        assertThat(RandAugment.Op.POSTERIZE.min).isEqualTo(4);
        assertThat(RandAugment.Op.POSTERIZE.max).isEqualTo(8);
        assertThat(RandAugment.Op.SOLARIZE.max).isEqualTo(256);
        assertThat(RandAugment.Op.ROTATE.min).isEqualTo(-30);
        assertThat(RandAugment.Op.BRIGHTNESS.max).isEqualTo(0.95);
        assertThat(RandAugment.Op.TRANSLATE_Y.min).isEqualTo(-0.3);
    }

    @Test
    void randomOpsAreDeterministicPerSeedKeepTheShapeAndLeaveTheInputAlone() {
        InputShape shape = new InputShape(3, 32, 32);
        int[] image = IntStream.range(0, shape.size())
                .map(i -> (i * 37 + i / 7) & 0xff)
                .toArray();
        int[] copy = image.clone();
        RandAugment randAugment = new RandAugment(2);

        int[] first = randAugment.apply(image, shape, new Random(7));
        int[] again = randAugment.apply(image, shape, new Random(7));

        assertThat(first).hasSize(shape.size()).isEqualTo(again);
        assertThat(IntStream.of(first).boxed().toList()).allMatch(v -> v >= 0 && v <= 255);
        assertThat(image).isEqualTo(copy);
        assertThat(new RandAugment(0).apply(image, shape, new Random(7)))
                .isEqualTo(image)
                .isNotSameAs(image);
    }

    @Test
    void drawsTheOpsFirstThenEachMagnitude() {
        InputShape shape = new InputShape(1, 9, 9);
        int[] image = IntStream.range(0, shape.size()).map(i -> (i * 53) & 0xff).toArray();
        for (long seed = 0; seed < 20; seed++) {
            Random draws = new Random(seed);
            RandAugment.Op first = RandAugment.Op.values()[draws.nextInt(14)];
            RandAugment.Op second = RandAugment.Op.values()[draws.nextInt(14)];
            int[] expected = RandAugment.apply(first, magnitude(first, draws), image, shape);
            expected = RandAugment.apply(second, magnitude(second, draws), expected, shape);

            assertThat(new RandAugment(2).apply(image, shape, new Random(seed))).isEqualTo(expected);
        }
    }

    @Test
    void rejectsOtherChannelCountsAndWrongLengths() {
        assertThatThrownBy(() -> RandAugment.apply(RandAugment.Op.IDENTITY, 0, new int[8], new InputShape(2, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RandAugment.apply(RandAugment.Op.IDENTITY, 0, new int[5], new InputShape(1, 2, 2)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static double magnitude(RandAugment.Op op, Random draws) {
        return op.min + (op.max - op.min) * draws.nextDouble();
    }

    static void assertSamePixels(PilExpected.Case c) {
        int[] actual = c.applyInJava();
        int[] expected = c.expected();
        assertThat(actual).as("length").hasSameSizeAs(expected);
        long wrong = IntStream.range(0, actual.length)
                .filter(i -> actual[i] != expected[i])
                .count();
        int first = IntStream.range(0, actual.length)
                .filter(i -> actual[i] != expected[i])
                .findFirst()
                .orElse(-1);
        assertThat(wrong)
                .as(
                        "%s: %d pixels differ, first at %d (java %d, PIL %d)",
                        c, wrong, first, first < 0 ? 0 : actual[first], first < 0 ? 0 : expected[first])
                .isZero();
    }
}
