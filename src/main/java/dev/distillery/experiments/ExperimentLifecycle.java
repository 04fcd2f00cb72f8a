package dev.distillery.experiments;

import dev.distillery.shared.NotFoundException;
import dev.distillery.tracking.CheckpointRecord;
import dev.distillery.tracking.CheckpointRecords;
import dev.distillery.tracking.MetricsStore;
import dev.distillery.training.EpochMetrics;
import dev.distillery.training.TrainingPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a worker does to an experiment, each step its own short transaction: take it, record an
 * epoch (metrics rows, checkpoint records and aggregate together), finish it. Ending an experiment
 * also settles the experiments waiting for it as their teacher.
 */
@Service
public class ExperimentLifecycle {

    private final ExperimentRepository experiments;
    private final MetricsStore metrics;
    private final CheckpointRecords checkpoints;
    private final TeacherExperiments teachers;
    private final WaitingExperiments waiting;
    private final SpecCodec codec;
    private final Clock clock;

    ExperimentLifecycle(ExperimentRepository experiments, MetricsStore metrics, CheckpointRecords checkpoints,
            TeacherExperiments teachers, WaitingExperiments waiting, SpecCodec codec, Clock clock) {
        this.experiments = experiments;
        this.metrics = metrics;
        this.checkpoints = checkpoints;
        this.teachers = teachers;
        this.waiting = waiting;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * Marks the experiment RUNNING and returns its plan; empty when it is not runnable (finished,
     * cancelled, waiting) or its teacher's checkpoint is unusable (then it is FAILED with the reason).
     */
    @Transactional
    public Optional<TrainingPlan> start(UUID id) {
        Experiment experiment = load(id);
        if (experiment.status().isTerminal() || experiment.status() == ExperimentStatus.WAITING) {
            return Optional.empty();
        }
        if (experiment.attempts() > 0) {
            metrics.clear(id);
            checkpoints.clear(id);
        }
        experiment.start(clock.instant());
        ExperimentSpec spec = codec.read(experiment.specJson());
        try {
            return Optional.of(TrainingPlans.of(spec, teacherParameters(spec)));
        } catch (IOException unusableTeacher) {
            end(experiment, () -> experiment.fail(unusableTeacher.getMessage(), clock.instant()));
            return Optional.empty();
        }
    }

    @Transactional(readOnly = true)
    public boolean isBest(UUID id, double testTop1) {
        return load(id).isBest(testTop1);
    }

    /** Records an epoch of either phase. */
    @Transactional
    public void recordEpoch(UUID id, EpochMetrics epoch) {
        metrics.record(id, epoch);
        load(id).recordEpoch(epoch);
    }

    /** Records a student epoch together with the checkpoints written for it. */
    @Transactional
    public void recordStudentEpoch(UUID id, EpochMetrics epoch, List<CheckpointRecord> written) {
        recordEpoch(id, epoch);
        written.forEach(record -> checkpoints.save(id, record));
    }

    @Transactional
    public void succeed(UUID id) {
        Experiment experiment = load(id);
        end(experiment, () -> experiment.succeed(clock.instant()));
    }

    @Transactional(readOnly = true)
    public boolean cancelRequested(UUID id) {
        return experiments.isCancelRequested(id);
    }

    /** The run stopped on a cancel request: CANCELLED, metrics and checkpoints so far kept. */
    @Transactional
    public void cancelled(UUID id) {
        Experiment experiment = load(id);
        end(experiment, () -> experiment.cancelled(clock.instant()));
    }

    @Transactional
    public void requeue(UUID id) {
        load(id).requeue();
    }

    @Transactional
    public void fail(UUID id, String reason) {
        Experiment experiment = load(id);
        end(experiment, () -> experiment.fail(reason, clock.instant()));
    }

    @Transactional(readOnly = true)
    public List<ExperimentQueued> queued() {
        return experiments.findAllById(experiments.findQueuedIds()).stream()
                .map(e -> new ExperimentQueued(e.id(), e.priority(), e.createdAt()))
                .toList();
    }

    /** Releases or fails waiting experiments whose teacher has ended. */
    public void settleWaiting() {
        waiting.settleAll();
    }

    private void end(Experiment experiment, Runnable transition) {
        transition.run();
        waiting.teacherEnded(experiment);
    }

    private Path teacherParameters(ExperimentSpec spec) throws IOException {
        if (spec.teacher() == null || spec.teacher().experimentId() == null) {
            return null;
        }
        return teachers.verifiedCheckpoint(spec.teacher().experimentId(), spec.teacher().checkpoint());
    }

    private Experiment load(UUID id) {
        return experiments.findById(id).orElseThrow(() -> new NotFoundException("no experiment " + id));
    }
}
