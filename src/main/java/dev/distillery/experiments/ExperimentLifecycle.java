package dev.distillery.experiments;

import dev.distillery.experiments.spec.ExperimentSpec;
import dev.distillery.experiments.spec.SpecCodec;
import dev.distillery.experiments.spec.SpecDefaults;
import dev.distillery.experiments.spec.TrainingPlans;
import dev.distillery.models.ModelRegistry;
import dev.distillery.shared.NotFoundException;
import dev.distillery.tracking.CheckpointRecord;
import dev.distillery.tracking.CheckpointRecords;
import dev.distillery.tracking.Checkpointing;
import dev.distillery.tracking.MetricsStore;
import dev.distillery.training.EpochMetrics;
import dev.distillery.training.TrainingPlan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.NamedInterface;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * What a worker does to an experiment, each step its own short transaction: take it, record an
 * epoch (metrics rows, checkpoint records and aggregate together), finish it. Ending an experiment
 * also settles the experiments waiting for it as their teacher. Every write after the start names the attempt it
 * belongs to and is refused once a later attempt has started ({@link SupersededAttemptException}): a worker cut off
 * longer than the dead-worker limit never writes beside the one that took its run up.
 */
@NamedInterface("lifecycle")
@Service
public class ExperimentLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ExperimentLifecycle.class);

    private final ExperimentRepository experiments;
    private final MetricsStore metrics;
    private final CheckpointRecords checkpoints;
    private final WaitingExperiments waiting;
    private final SpecCodec codec;
    private final Clock clock;
    private final Checkpointing checkpointing;
    private final AttemptProperties attempts;
    private final ModelRegistry models;

    ExperimentLifecycle(
            ExperimentRepository experiments,
            MetricsStore metrics,
            CheckpointRecords checkpoints,
            Checkpointing checkpointing,
            WaitingExperiments waiting,
            SpecCodec codec,
            Clock clock,
            AttemptProperties attempts,
            ModelRegistry models) {
        this.models = models;
        this.experiments = experiments;
        this.metrics = metrics;
        this.checkpoints = checkpoints;
        this.checkpointing = checkpointing;
        this.attempts = attempts;
        this.waiting = waiting;
        this.codec = codec;
        this.clock = clock;
    }

    /**
     * Marks the experiment RUNNING and returns its plan; empty when it is not runnable (finished,
     * cancelled, waiting), has used up its attempts, or its teacher's checkpoint is unusable (then it
     * is FAILED with the reason). An attempt after a lost one resumes from the newest recorded
     * training state: the epochs up to it keep their rows, later ones are trained again.
     */
    @Transactional
    public Optional<StartedRun> start(UUID id, String device) {
        Experiment experiment = load(id);
        if (experiment.status().isTerminal() || experiment.status() == ExperimentStatus.WAITING) {
            return Optional.empty();
        }
        if (experiment.attempts() >= attempts.maxAttempts()) {
            end(
                    experiment,
                    () -> experiment.fail(
                            "gave up after " + experiment.attempts() + " attempts: each ended "
                                    + "without a result (worker lost or stopped); distillery.max-attempts="
                                    + attempts.maxAttempts(),
                            clock.instant()));
            return Optional.empty();
        }
        Optional<ResumePoint> resume = experiment.attempts() == 0 ? Optional.empty() : resumePoint(id);
        if (resume.isPresent()) {
            metrics.clearStudentEpochsAfter(id, resume.get().epoch());
            experiment.resume(
                    clock.instant(),
                    device,
                    metrics.history(id).stream()
                            .filter(epoch -> EpochMetrics.STUDENT.equals(epoch.phase()))
                            .toList());
        } else {
            metrics.clear(id);
            checkpoints.clear(id);
            experiment.start(clock.instant(), device);
        }
        ExperimentSpec spec = codec.read(experiment.specJson());
        try {
            TrainingPlan plan = TrainingPlans.of(
                    spec,
                    teacherParameters(spec),
                    resume.map(ResumePoint::state).orElse(null));
            return Optional.of(new StartedRun(plan, experiment.attempts()));
        } catch (IOException unusableTeacher) {
            end(experiment, () -> experiment.fail(unusableTeacher.getMessage(), clock.instant()));
            return Optional.empty();
        }
    }

    private Optional<ResumePoint> resumePoint(UUID id) {
        return checkpoints.latestResume(id).flatMap(record -> {
            try {
                return Optional.of(new ResumePoint(record.epoch(), checkpointing.verifiedFile(id, record.name())));
            } catch (IOException unusable) {
                log.warn("Experiment {} starts over: its training state is unusable ({})", id, unusable.getMessage());
                return Optional.empty();
            }
        });
    }

    /** A recorded training state: the student epoch it follows and its verified file. */
    private record ResumePoint(int epoch, Path state) {}

    /** Whether the experiment's spec asks for a GPU. */
    @Transactional(readOnly = true)
    public boolean needsGpu(UUID id) {
        return SpecDefaults.GPU.equals(codec.read(load(id).specJson()).device());
    }

    /**
     * Whether this student epoch would be the experiment's best so far (never one with invalid scores). Asked before
     * the epoch's checkpoint files are written, so it refuses a superseded attempt too: such a worker writes no files.
     */
    @Transactional(readOnly = true)
    public boolean isBest(UUID id, int attempt, EpochMetrics epoch) {
        Experiment experiment = load(id);
        requireCurrent(experiment, attempt);
        return experiment.isBest(epoch);
    }

    /** How far the running student epoch is, 0 to 1. */
    @Transactional
    public void recordBatchProgress(UUID id, int attempt, double epochFraction) {
        hold(id, attempt);
        experiments.updateEpochFraction(id, epochFraction);
    }

    /**
     * Whether this epoch's metrics are recorded already (a write whose answer was lost may have committed); refuses a
     * superseded attempt, whose epoch may have been recorded by the attempt that took the run up.
     */
    @Transactional(readOnly = true)
    public boolean isRecorded(UUID id, int attempt, EpochMetrics epoch) {
        requireCurrent(load(id), attempt);
        return metrics.history(id).stream()
                .anyMatch(recorded ->
                        recorded.epoch() == epoch.epoch() && recorded.phase().equals(epoch.phase()));
    }

    /** Records an epoch of either phase. */
    @Transactional
    public void recordEpoch(UUID id, int attempt, EpochMetrics epoch) {
        hold(id, attempt);
        metrics.record(id, epoch);
        load(id).recordEpoch(epoch);
    }

    /** The frozen teacher's own test accuracy, measured before the student's first epoch. */
    @Transactional
    public void recordTeacherScore(UUID id, int attempt, double top1, double top5) {
        hold(id, attempt);
        experiments.recordTeacherScore(id, top1, top5);
    }

    /** Records a student epoch together with the checkpoints written for it. */
    @Transactional
    public void recordStudentEpoch(UUID id, int attempt, EpochMetrics epoch, List<CheckpointRecord> written) {
        recordEpoch(id, attempt, epoch);
        written.forEach(record -> checkpoints.save(id, record));
    }

    /** Drops the training states older than {@code epoch} (records, then files), once the newer one is recorded. */
    @Transactional
    public void pruneTrainingStates(UUID id, int attempt, int epoch) {
        hold(id, attempt);
        checkpointing.prune(id, epoch);
    }

    @Transactional
    public void succeed(UUID id, int attempt) {
        hold(id, attempt);
        Experiment experiment = load(id);
        end(experiment, () -> experiment.succeed(clock.instant()));
    }

    @Transactional(readOnly = true)
    public boolean cancelRequested(UUID id) {
        return experiments.isCancelRequested(id);
    }

    /** The run stopped on a cancel request: CANCELLED, metrics and checkpoints so far kept. */
    @Transactional
    public void cancelled(UUID id, int attempt) {
        hold(id, attempt);
        Experiment experiment = load(id);
        end(experiment, () -> experiment.cancelled(clock.instant()));
    }

    @Transactional
    public void requeue(UUID id, int attempt) {
        hold(id, attempt);
        load(id).requeue();
    }

    @Transactional
    public void fail(UUID id, int attempt, String reason) {
        hold(id, attempt);
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

    /** The fence: the write goes on only while {@code attempt} is current, and no other attempt starts until it ends. */
    private void hold(UUID id, int attempt) {
        if (experiments.holdAttempt(id, attempt) == 0) {
            if (!experiments.existsById(id)) {
                throw new NotFoundException("no experiment " + id);
            }
            throw new SupersededAttemptException(id, attempt);
        }
    }

    private static void requireCurrent(Experiment experiment, int attempt) {
        if (experiment.attempts() != attempt) {
            throw new SupersededAttemptException(experiment.id(), attempt);
        }
    }

    private void end(Experiment experiment, Runnable transition) {
        transition.run();
        waiting.teacherEnded(experiment);
    }

    private Path teacherParameters(ExperimentSpec spec) throws IOException {
        if (spec.teacher() != null && spec.teacher().modelId() != null) {
            try {
                return models.usable(spec.teacher().modelId()).file();
            } catch (NotFoundException gone) {
                throw new IOException(gone.getMessage(), gone);
            }
        }
        if (spec.teacher() == null || spec.teacher().experimentId() == null) {
            return null;
        }
        return checkpointing.verifiedFile(
                spec.teacher().experimentId(), spec.teacher().checkpoint());
    }

    private Experiment load(UUID id) {
        return experiments.findById(id).orElseThrow(() -> new NotFoundException("no experiment " + id));
    }
}
