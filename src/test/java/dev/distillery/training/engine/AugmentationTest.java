package dev.distillery.training.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.training.InputShape;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AugmentationTest {

    @Test
    void paddingScalesWithTheImageSize() {
        assertThat(Augmentation.padding(new dev.distillery.training.InputShape(3, 32, 32)))
                .isEqualTo(4);
        assertThat(Augmentation.padding(new dev.distillery.training.InputShape(3, 64, 64)))
                .isEqualTo(8);
        assertThat(Augmentation.padding(new dev.distillery.training.InputShape(3, 16, 16)))
                .isEqualTo(2);
        assertThat(Augmentation.padding(new dev.distillery.training.InputShape(1, 28, 28)))
                .isEqualTo(2);
        assertThat(Augmentation.padding(new dev.distillery.training.InputShape(3, 4, 4)))
                .isEqualTo(1);
    }

    @Test
    void transformShiftsFlipsAndPads() {
        Augmentation.Transform shift = new Augmentation.Transform(1, -2, false);
        Augmentation.Transform flip = new Augmentation.Transform(0, 0, true);

        assertThat(shift.source(0, 2, 4, 4)).isEqualTo(1 * 4 + 0);
        assertThat(shift.source(0, 1, 4, 4)).isEqualTo(-1);
        assertThat(shift.source(3, 3, 4, 4)).isEqualTo(-1);
        assertThat(flip.source(2, 0, 4, 4)).isEqualTo(2 * 4 + 3);
        assertThat(Augmentation.Transform.IDENTITY.source(3, 1, 4, 4)).isEqualTo(13);
    }

    @Test
    void rgbCropsWithinFourPixelsAndFlipsGrayOnlyCropsWithinTwo() {
        Set<Integer> rgbShifts = new HashSet<>();
        Set<Boolean> rgbFlips = new HashSet<>();
        Set<Integer> grayShifts = new HashSet<>();
        Set<Boolean> grayFlips = new HashSet<>();
        Augmentation rgb = Augmentation.forShape(new InputShape(3, 32, 32), 1);
        Augmentation gray = Augmentation.forShape(new InputShape(1, 28, 28), 1);
        for (int i = 0; i < 500; i++) {
            Augmentation.Transform t = rgb.next();
            rgbShifts.add(t.dx());
            rgbFlips.add(t.flipped());
            Augmentation.Transform g = gray.next();
            grayShifts.add(g.dy());
            grayFlips.add(g.flipped());
        }

        assertThat(rgbShifts).containsExactlyInAnyOrder(-4, -3, -2, -1, 0, 1, 2, 3, 4);
        assertThat(rgbFlips).containsExactlyInAnyOrder(true, false);
        assertThat(grayShifts).containsExactlyInAnyOrder(-2, -1, 0, 1, 2);
        assertThat(grayFlips).containsExactly(false);
    }
}
