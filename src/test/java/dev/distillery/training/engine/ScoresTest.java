package dev.distillery.training.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ScoresTest {

    @Test
    void countsTopOneAndTopKAndCrossEntropy() {
        Scores scores = new Scores(2);
        float[] logits = {
            3, 2, 1, // label 0: rank 0
            3, 2, 1, // label 1: rank 1 (top-2 only)
            3, 2, 1
        }; // label 2: rank 2 (miss)

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

    @Test
    void rowsWithANonFiniteLogitAreNeverCorrectAndAreCounted() {
        float nan = Float.NaN;
        float inf = Float.POSITIVE_INFINITY;
        float[] logits = {
            nan,
            nan,
            nan, // label 0: NaN compares false with everything, would rank first
            0,
            inf,
            0, // label 1: +Inf on the label
            3,
            nan,
            1, // label 0: one NaN next to the largest finite logit
            Float.NEGATIVE_INFINITY,
            0,
            1, // label 2: -Inf on another class
            3,
            2,
            1
        }; // label 0: finite, correct
        int[] labels = {0, 1, 0, 2, 0};

        Scores evaluation = new Scores(2);
        evaluation.addWithCrossEntropy(logits, labels);
        Scores training = new Scores(2);
        training.add(logits, labels, 1.0);

        for (Scores scores : new Scores[] {evaluation, training}) {
            assertThat(scores.top1()).isEqualTo(0.2);
            assertThat(scores.topK()).isEqualTo(0.2);
            assertThat(scores.nonFiniteLogits()).isEqualTo(6);
            assertThat(scores.logits()).isEqualTo(15);
            assertThat(scores.samples()).isEqualTo(5);
        }
        assertThat(evaluation.meanLoss()).isNaN();
    }

    @Test
    void finiteLogitsCountNothingAsNonFinite() {
        Scores scores = new Scores(1);

        scores.addWithCrossEntropy(new float[] {Float.MAX_VALUE, -Float.MAX_VALUE, 0, 1}, new int[] {0, 1});

        assertThat(scores.nonFiniteLogits()).isZero();
        assertThat(scores.logits()).isEqualTo(4);
        assertThat(scores.top1()).isEqualTo(1.0);
    }
}
