package dev.distillery.training.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MultiStepScheduleTest {

    @Test
    void decaysAfterEachMilestoneLikeMdistiller() {
        MultiStepSchedule schedule = new MultiStepSchedule(0.05, List.of(150, 180, 210), 0.1);

        assertThat(schedule.learningRate(1)).isEqualTo(0.05);
        assertThat(schedule.learningRate(150)).isEqualTo(0.05);
        assertThat(schedule.learningRate(151)).isCloseTo(0.005, within(1e-12));
        assertThat(schedule.learningRate(181)).isCloseTo(0.0005, within(1e-12));
        assertThat(schedule.learningRate(240)).isCloseTo(0.00005, within(1e-12));
    }

    @Test
    void optimizerSeesTheCurrentEpochsRate() {
        MultiStepSchedule schedule = new MultiStepSchedule(0.1, List.of(2), 0.5);

        schedule.startEpoch(2);
        float before = schedule.getNewValue(1000);
        schedule.startEpoch(3);

        assertThat(before).isEqualTo(0.1f);
        assertThat(schedule.getNewValue(1001)).isEqualTo(0.05f);
        assertThat(schedule.getNewValue("any-parameter", 7)).isEqualTo(0.05f);
    }

    @Test
    void noMilestonesMeansConstantRate() {
        assertThat(new MultiStepSchedule(0.01, null, 0.1).learningRate(500)).isEqualTo(0.01);
    }
}
