package dev.distillery.experiments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.distillery.experiments.spec.ExperimentSpec;
import dev.distillery.experiments.spec.ExperimentSpec.TeacherSpec;
import dev.distillery.experiments.spec.Specs;
import dev.distillery.shared.ConflictException;
import dev.distillery.training.EpochMetrics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The experiment's state machine, every status against every action: allowed transitions land in the status the
 * table names, forbidden ones throw (409 for cancelling a finished run, an illegal state otherwise) and say which
 * status the experiment is in.
 */
class ExperimentTransitionsTest {

    private static final Instant NOW = Experiments.STARTED;
    private static final Instant LATER = Instant.parse("2025-01-01T02:00:00Z");

    /** What the API and the worker may do to an experiment. */
    enum Action {
        RELEASE((e, now) -> e.release()),
        START((e, now) -> e.start(now, "cpu")),
        RESUME((e, now) -> e.resume(now, "gpu0", List.of(studentEpoch(1, 0.3)))),
        RECORD_EPOCH((e, now) -> e.recordEpoch(studentEpoch(1, 0.3))),
        REQUEUE((e, now) -> e.requeue()),
        SUCCEED(Experiment::succeed),
        FAIL((e, now) -> e.fail("worker lost", now)),
        CANCEL(Experiment::cancel),
        CANCELLED((e, now) -> e.cancelled(now));

        private final BiConsumer<Experiment, Instant> apply;

        Action(BiConsumer<Experiment, Instant> apply) {
            this.apply = apply;
        }
    }

    /**
     * Rows: the status before; columns: the actions in {@link Action} order; cells: the status after, ISE
     * (IllegalStateException) or CONFLICT (ConflictException). Cancelling a running experiment only asks its worker
     * to stop; starting a running one is a worker taking it again after a lost attempt.
     */
    private static final String TABLE =
            """
                       RELEASE START    RESUME   RECORD_EPOCH REQUEUE SUCCEED   FAIL   CANCEL    CANCELLED
            WAITING    QUEUED  ISE      ISE      ISE          ISE     ISE       FAILED CANCELLED ISE
            QUEUED     ISE     RUNNING  RUNNING  ISE          ISE     ISE       FAILED CANCELLED ISE
            RUNNING    ISE     RUNNING  RUNNING  RUNNING      QUEUED  SUCCEEDED FAILED RUNNING   CANCELLED
            SUCCEEDED  ISE     ISE      ISE      ISE          ISE     ISE       ISE    CONFLICT  ISE
            FAILED     ISE     ISE      ISE      ISE          ISE     ISE       ISE    CONFLICT  ISE
            CANCELLED  ISE     ISE      ISE      ISE          ISE     ISE       ISE    CANCELLED ISE
            """;

    static Stream<Arguments> transitions() {
        List<String[]> rows =
                TABLE.lines().map(String::trim).map(line -> line.split("\\s+")).toList();
        List<Arguments> cells = new ArrayList<>();
        for (String[] row : rows.subList(1, rows.size())) {
            for (int column = 1; column < row.length; column++) {
                cells.add(Arguments.of(
                        ExperimentStatus.valueOf(row[0]), Action.valueOf(rows.get(0)[column - 1]), row[column]));
            }
        }
        return cells.stream();
    }

    @Test
    void theTableCoversEveryStatusAgainstEveryAction() {
        assertThat(transitions().map(Arguments::get).map(cell -> cell[0] + " " + cell[1]))
                .hasSize(ExperimentStatus.values().length * Action.values().length)
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0} + {1} → {2}")
    @MethodSource("transitions")
    void eachActionIsAllowedOrRefusedAsTheTableSays(ExperimentStatus from, Action action, String outcome) {
        Experiment experiment = in(from);

        switch (outcome) {
            case "ISE" ->
                assertThatThrownBy(() -> action.apply.accept(experiment, LATER))
                        .isExactlyInstanceOf(IllegalStateException.class)
                        .hasMessageContaining(from.name())
                        .hasMessageContaining(experiment.id().toString());
            case "CONFLICT" ->
                assertThatThrownBy(() -> action.apply.accept(experiment, LATER))
                        .isExactlyInstanceOf(ConflictException.class)
                        .hasMessageContaining(from.name())
                        .hasMessageContaining(experiment.id().toString());
            default -> {
                action.apply.accept(experiment, LATER);
                assertThat(experiment.status()).isEqualTo(ExperimentStatus.valueOf(outcome));
            }
        }
        if (outcome.equals("ISE") || outcome.equals("CONFLICT")) {
            assertThat(experiment.status())
                    .as("a refused action changes nothing")
                    .isEqualTo(from);
        }
    }

    @Test
    void onlySucceededFailedAndCancelledAreTerminal() {
        assertThat(EnumSet.allOf(ExperimentStatus.class).stream().filter(ExperimentStatus::isTerminal))
                .containsExactlyInAnyOrder(
                        ExperimentStatus.SUCCEEDED, ExperimentStatus.FAILED, ExperimentStatus.CANCELLED);
    }

    @Test
    void aStudentWhoseTeacherExperimentIsPendingWaitsAndOtherwiseJoinsTheQueue() {
        assertThat(submitted(true).status()).isEqualTo(ExperimentStatus.WAITING);
        assertThat(submitted(false).status()).isEqualTo(ExperimentStatus.QUEUED);
        assertThat(submitted(true).teacherExperimentId()).isNotNull();
    }

    @Test
    void startingRecordsTheAttemptDeviceAndStartTime() {
        Experiment experiment = in(ExperimentStatus.QUEUED);

        experiment.start(NOW, "gpu1");

        assertThat(experiment.attempts()).isEqualTo(1);
        assertThat(experiment.device()).isEqualTo("gpu1");
        assertThat(experiment.startedAt()).isEqualTo(NOW);
        assertThat(experiment.finishedAt()).isNull();
    }

    @Test
    void aRunTakenAgainFromScratchStartsOverWithANewAttempt() {
        Experiment experiment = in(ExperimentStatus.RUNNING);
        experiment.recordEpoch(studentEpoch(1, 0.4));

        experiment.start(LATER, "cpu");

        assertThat(experiment.attempts()).isEqualTo(2);
        assertThat(experiment.startedAt()).isEqualTo(LATER);
        assertThat(experiment.best()).isNull();
        assertThat(experiment.currentEpoch()).isZero();
    }

    @Test
    void aResumedRunKeepsItsStartTimeAndItsRecordedEpochs() {
        Experiment experiment = in(ExperimentStatus.RUNNING);
        experiment.requeue();

        experiment.resume(LATER, "cpu", List.of(studentEpoch(1, 0.4), studentEpoch(2, 0.5)));

        assertThat(experiment.startedAt()).isEqualTo(NOW);
        assertThat(experiment.attempts()).isEqualTo(2);
        assertThat(experiment.best()).isEqualTo(new EpochScore(2, 0.5, 0.9));
    }

    @Test
    void finishingRecordsTheEndAndAFailureItsReason() {
        Experiment succeeded = in(ExperimentStatus.RUNNING);
        succeeded.succeed(LATER);
        Experiment failed = in(ExperimentStatus.QUEUED);
        failed.fail("teacher experiment failed", LATER);

        assertThat(succeeded.finishedAt()).isEqualTo(LATER);
        assertThat(succeeded.error()).isNull();
        assertThat(failed.finishedAt()).isEqualTo(LATER);
        assertThat(failed.error()).isEqualTo("teacher experiment failed");
    }

    @Test
    void cancellingARunningExperimentOnlyAsksItsWorkerToStop() {
        Experiment experiment = in(ExperimentStatus.RUNNING);

        experiment.cancel(LATER);

        assertThat(experiment.status()).isEqualTo(ExperimentStatus.RUNNING);
        assertThat(experiment.cancelRequested()).isTrue();
        assertThat(experiment.finishedAt()).isNull();
        experiment.cancelled(LATER);
        assertThat(experiment.status()).isEqualTo(ExperimentStatus.CANCELLED);
        assertThat(experiment.finishedAt()).isEqualTo(LATER);
    }

    @Test
    void cancellingTwiceChangesNothing() {
        Experiment experiment = in(ExperimentStatus.QUEUED);
        experiment.cancel(NOW);

        experiment.cancel(LATER);

        assertThat(experiment.status()).isEqualTo(ExperimentStatus.CANCELLED);
        assertThat(experiment.finishedAt()).isEqualTo(NOW);
    }

    @Test
    void everyStatusCanBeReachedForTheTable() {
        assertThat(Arrays.stream(ExperimentStatus.values())
                        .map(status -> in(status).status()))
                .containsExactly(ExperimentStatus.values());
    }

    /** A kd experiment whose teacher is an earlier experiment, in {@code status}. */
    private static Experiment in(ExperimentStatus status) {
        return Experiments.in(status, spec(), "{}");
    }

    private static Experiment submitted(boolean teacherPending) {
        return Experiment.submitted(UUID.randomUUID(), spec(), "{}", teacherPending, Experiments.SUBMITTED);
    }

    private static ExperimentSpec spec() {
        return Specs.resolved("kd", "resnet8x4", "cifar100")
                .teacher(new TeacherSpec("resnet32x4", UUID.randomUUID(), "best", null))
                .build();
    }

    private static EpochMetrics studentEpoch(int epoch, double testTop1) {
        return Experiments.epoch(epoch, testTop1);
    }
}
