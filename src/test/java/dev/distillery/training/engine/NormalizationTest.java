package dev.distillery.training.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.distillery.training.InputShape;
import dev.distillery.training.data.ImageData;
import dev.distillery.training.data.ImageSplit;
import org.junit.jupiter.api.Test;

class NormalizationTest {

    private static final InputShape RGB = new InputShape(3, 32, 32);

    @Test
    void cifar100UsesThePapersChannelConstants() {
        Normalization n = Normalization.forData(data("cifar100", RGB, 4));

        assertThat(n.apply(0, 0)).isCloseTo((float) (-0.5071 / 0.2675), within(1e-6f));
        assertThat(n.apply(1, 255)).isCloseTo((float) ((1 - 0.4867) / 0.2565), within(1e-6f));
        assertThat(n.apply(2, 128)).isCloseTo((float) ((128 / 255.0 - 0.4408) / 0.2761), within(1e-6f));
    }

    @Test
    void otherDatasetsUseTheirWholeTrainSplitWhateverTheLimit() {
        ImageData full = data("cifar10", RGB, 8);
        ImageData limited = full.limit(2, null);

        Normalization a = Normalization.forData(full);
        Normalization b = Normalization.forData(limited);

        for (int c = 0; c < 3; c++) {
            assertThat(b.mean(c)).isEqualTo(a.mean(c));
            assertThat(b.std(c)).isEqualTo(a.std(c));
        }
        // image i has the constant value 10*i + c in channel c: the mean over 8 images is (70/2 + c) / 255
        assertThat(a.mean(1)).isCloseTo((35 + 1) / 255.0, within(1e-12));
        double variance = 0;
        for (int i = 0; i < 8; i++) {
            variance += Math.pow((10 * i - 35) / 255.0, 2) / 8;
        }
        assertThat(a.std(1)).isCloseTo(Math.sqrt(variance), within(1e-12));
        assertThat(Normalization.of(limited.train()).mean(0)).isCloseTo(5 / 255.0, within(1e-12));
    }

    private static ImageData data(String name, InputShape shape, int images) {
        byte[] pixels = new byte[images * shape.size()];
        int plane = shape.height() * shape.width();
        for (int i = 0; i < images; i++) {
            for (int c = 0; c < shape.channels(); c++) {
                for (int p = 0; p < plane; p++) {
                    pixels[i * shape.size() + c * plane + p] = (byte) (10 * i + c);
                }
            }
        }
        ImageSplit split = new ImageSplit(shape, pixels, new int[images]);
        return new ImageData(name, 10, split, split);
    }
}
