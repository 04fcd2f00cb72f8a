package dev.distillery.training.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.training.InputShape;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class StrongAugmentationTest {

    static Stream<PilExpected.Case> chains() {
        return PilExpected.cases().filter(c -> c.steps().size() > 1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("chains")
    void twoOpsThenCutoutEqualPil(PilExpected.Case c) {
        RandAugmentTest.assertSamePixels(c);
    }

    @Test
    void isDeterministicPerSeedAndKeepsTheShape() {
        StrongAugmentation strong = new StrongAugmentation();
        for (InputShape shape : new InputShape[] {new InputShape(3, 32, 32), new InputShape(1, 28, 28)}) {
            int[] image = IntStream.range(0, shape.size())
                    .map(i -> (i * 31 + i / 5) & 0xff)
                    .toArray();
            int[] copy = image.clone();

            int[] first = strong.apply(image, shape, new Random(42));

            assertThat(strong.apply(image, shape, new Random(42))).isEqualTo(first);
            assertThat(first).hasSize(shape.size());
            assertThat(IntStream.of(first).boxed().toList()).allMatch(v -> v >= 0 && v <= 255);
            assertThat(strong.apply(image, shape, new Random(43))).isNotEqualTo(first);
            assertThat(image).isEqualTo(copy);
        }
    }

    @Test
    void isRandAugmentThenCutoutFromOneGenerator() {
        InputShape shape = new InputShape(3, 16, 16);
        int[] image = IntStream.range(0, shape.size()).map(i -> (i * 29) & 0xff).toArray();
        for (long seed = 0; seed < 20; seed++) {
            Random draws = new Random(seed);
            int[] expected = Cutout.apply(new RandAugment(2).apply(image, shape, draws), shape, draws);

            assertThat(new StrongAugmentation().apply(image, shape, new Random(seed)))
                    .isEqualTo(expected);
        }
    }
}
