package dev.distillery.training.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class SyntheticDatasetSourceTest {

    @Test
    void generatesTheSameBalancedDataEveryTime() {
        ImageData first = new SyntheticDatasetSource().load(null);
        ImageData second = new SyntheticDatasetSource().load(null);

        assertThat(first.train().size()).isEqualTo(6000);
        assertThat(first.test().size()).isEqualTo(1000);
        assertThat(IntStream.range(0, 6000)
                        .filter(i -> first.train().label(i) == 3)
                        .count())
                .isEqualTo(600);
        for (int i = 0; i < 6000; i += 997) {
            for (int p = 0; p < 784; p += 13) {
                assertThat(first.train().pixel(i, p)).isEqualTo(second.train().pixel(i, p));
            }
        }
    }

    @Test
    void trainAndTestImagesDiffer() {
        ImageData data = new SyntheticDatasetSource().load(null);

        long differing = IntStream.range(0, 784)
                .filter(p -> data.train().pixel(0, p) != data.test().pixel(0, p))
                .count();

        assertThat(differing).isGreaterThan(100);
    }
}
