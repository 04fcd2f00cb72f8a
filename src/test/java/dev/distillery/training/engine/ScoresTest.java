package dev.distillery.training.engine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ScoresTest {

    @Test
    void countsTopOneAndTopKAndCrossEntropy() {
        Scores scores = new Scores(2);
        float[] logits = {
                3, 2, 1,   // label 0: rank 0
                3, 2, 1,   // label 1: rank 1 (top-2 only)
                3, 2, 1};  // label 2: rank 2 (miss)

        scores.addWithCrossEntropy(logits, new int[] {0, 1, 2});

        assertThat(scores.top1()).isCloseTo(1.0 / 3, within(1e-12));
        assertThat(scores.topK()).isCloseTo(2.0 / 3, within(1e-12));
        double lse = Math.log(Math.exp(3) + Math.exp(2) + Math.exp(1));
        assertThat(scores.meanLoss()).isCloseTo(((lse - 3) + (lse - 2) + (lse - 1)) / 3, within(1e-9));
        assertThat(scores.samples()).isEqualTo(3);
    }

    @Test
    void constantLogitsAreNotCountedCorrectForEveryLabel() {
        Scores scores = new Scores(1);

        scores.add(new float[] {0, 0, 0, 0, 0, 0}, new int[] {0, 2}, 1.5);

        assertThat(scores.top1()).isEqualTo(0.5);
        assertThat(scores.meanLoss()).isEqualTo(1.5);
    }
}
