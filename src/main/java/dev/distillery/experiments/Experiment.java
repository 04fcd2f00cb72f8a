package dev.distillery.experiments;

import dev.distillery.experiments.gates.GateResult;
import dev.distillery.experiments.spec.ExperimentSpec;
import dev.distillery.shared.ConflictException;
import dev.distillery.training.EpochMetrics;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * The experiment aggregate: a resolved spec and the state machine of its run. Illegal
 * transitions are rejected; the best and last epoch are kept here so reads need no metrics scan.
 */
@Entity
@Table(name = "experiments")
public class Experiment {

    @Id
    private UUID id;

    private String name;
    private String method;

    @Enumerated(EnumType.STRING)
    private ExperimentStatus status;

    private int priority;

    @Column(name = "spec", columnDefinition = "jsonb")
    @ColumnTransformer(write = "?::jsonb")
    private String specJson;

    @Embedded
    private RunProgress progress;

    /** Null when Hibernate loads a row whose score columns are all null: read it through {@link #scores()}. */
    @Embedded
    private RunScores scores = new RunScores();

    @Embedded
    private RunAttempts attempts = new RunAttempts();

    @Embedded
    private TeacherAccuracy teacherAccuracy;

    private String error;
    private Instant createdAt;
    private Instant finishedAt;
    private UUID teacherExperimentId;
    private boolean cancelRequested;
    /** Null without a verdict: read it through {@link #gate()}. */
    @Embedded
    private GateVerdict gate;

    private String owner;

    @Version
    private long version;

    @ElementCollection(fetch = FetchType.EAGER)
    @CollectionTable(name = "experiment_tags", joinColumns = @JoinColumn(name = "experiment_id"))
    @MapKeyColumn(name = "tag_key")
    @Column(name = "tag_value")
    private Map<String, String> tags = new HashMap<>();

    protected Experiment() {}

    /** A new experiment: QUEUED, or WAITING while its teacher experiment has not succeeded yet. */
    public static Experiment submitted(
            UUID id, ExperimentSpec spec, String specJson, boolean teacherPending, Instant now) {
        Experiment experiment = new Experiment();
        experiment.teacherExperimentId =
                spec.teacher() == null ? null : spec.teacher().experimentId();
        experiment.id = id;
        experiment.name = spec.name();
        experiment.method = spec.method();
        experiment.priority = spec.priority();
        experiment.specJson = specJson;
        experiment.progress = new RunProgress(spec.training().epochs());
        experiment.tags = new HashMap<>(spec.tags());
        experiment.status = teacherPending ? ExperimentStatus.WAITING : ExperimentStatus.QUEUED;
        experiment.createdAt = now;
        return experiment;
    }

    public Experiment ownedBy(String key) {
        this.owner = key;
        return this;
    }

    /** Its teacher experiment succeeded: the experiment joins the queue. */
    void release() {
        requireStatus(ExperimentStatus.WAITING, "release");
        status = ExperimentStatus.QUEUED;
    }

    /** A worker takes the run from scratch on a device; an experiment taken again after a lost attempt starts over. */
    void start(Instant now, String device) {
        resume(now, device, List.of());
    }

    /**
     * A worker takes the run, continuing after the student epochs already recorded (a resumed
     * attempt); best and last are those of these epochs, skipping any whose scores are invalid.
     */
    void resume(Instant now, String device, List<EpochMetrics> recordedStudentEpochs) {
        if (status.isTerminal() || status == ExperimentStatus.WAITING) {
            throw new IllegalStateException("experiment " + id + " is " + status + " and cannot start");
        }
        status = ExperimentStatus.RUNNING;
        attempts.begin(now, device, !recordedStudentEpochs.isEmpty());
        progress.restart();
        scores = new RunScores();
        recordedStudentEpochs.forEach(this::recordEpoch);
    }

    /** A run interrupted before its end (the worker is shutting down) waits again in the queue. */
    void requeue() {
        requireStatus(ExperimentStatus.RUNNING, "requeue");
        status = ExperimentStatus.QUEUED;
    }

    /** Whether this student epoch would be the best so far (see {@link RunScores}). */
    boolean isBest(EpochMetrics metrics) {
        return scores().isBest(metrics);
    }

    /** Records an epoch; a student epoch whose test scores are not valid leaves no last (see {@link RunScores}). */
    void recordEpoch(EpochMetrics metrics) {
        requireStatus(ExperimentStatus.RUNNING, "record an epoch");
        progress.record(metrics);
        if (EpochMetrics.STUDENT.equals(metrics.phase())) {
            scores().record(metrics);
        }
    }

    private RunScores scores() {
        scores = scores == null ? new RunScores() : scores;
        return scores;
    }

    void succeed(Instant now) {
        requireStatus(ExperimentStatus.RUNNING, "succeed");
        finish(ExperimentStatus.SUCCEEDED, now);
    }

    void fail(String reason, Instant now) {
        if (status.isTerminal()) {
            throw new IllegalStateException("experiment " + id + " is already " + status);
        }
        error = reason;
        finish(ExperimentStatus.FAILED, now);
    }

    /**
     * Cancels a queued or waiting experiment at once; a running one is asked to stop (its worker
     * checks between batches and then calls {@link #cancelled}). Cancelling again changes nothing.
     */
    void cancel(Instant now) {
        if (status == ExperimentStatus.CANCELLED) {
            return;
        }
        if (status.isTerminal()) {
            throw new ConflictException("experiment " + id + " already finished as " + status);
        }
        if (status == ExperimentStatus.RUNNING) {
            cancelRequested = true;
            return;
        }
        finish(ExperimentStatus.CANCELLED, now);
    }

    /** The worker stopped the run because cancel was requested. */
    void cancelled(Instant now) {
        requireStatus(ExperimentStatus.RUNNING, "cancel");
        finish(ExperimentStatus.CANCELLED, now);
    }

    private void finish(ExperimentStatus terminal, Instant now) {
        status = terminal;
        finishedAt = now;
    }

    private void requireStatus(ExperimentStatus expected, String action) {
        if (status != expected) {
            throw new IllegalStateException("cannot " + action + " for experiment " + id + " in status " + status);
        }
    }

    public UUID id() {
        return id;
    }

    public String name() {
        return name;
    }

    public ExperimentStatus status() {
        return status;
    }

    public int priority() {
        return priority;
    }

    /** The resolved spec as stored (JSON); read it with SpecCodec. */
    public String specJson() {
        return specJson;
    }

    public int currentEpoch() {
        return progress.currentEpoch();
    }

    /** The valid student epoch with the highest test top-1 so far; null before the first. */
    public EpochScore best() {
        return scores().best();
    }

    /** Null before it was measured and without a teacher. */
    public TeacherScore teacherScore() {
        return teacherAccuracy == null ? null : teacherAccuracy.score();
    }

    /** The latest finished student epoch; null before the first and when its scores are invalid. */
    public EpochScore last() {
        return scores().last(progress.currentEpoch());
    }

    public int attempts() {
        return attempts.count();
    }

    public String error() {
        return error;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant startedAt() {
        return attempts.startedAt();
    }

    public Instant finishedAt() {
        return finishedAt;
    }

    /** Records the verdict of the spec's gates (null: the spec has none). */
    void recordGate(GateResult result) {
        gate = GateVerdict.of(result);
    }

    /** The verdict of the spec's gates once the run has ended; null without gates or before the end. */
    public GateResult gate() {
        return gate == null ? null : gate.result();
    }

    /** The device of the latest attempt, e.g. cpu or gpu1; null before the first start. */
    public String device() {
        return attempts.device();
    }

    public boolean cancelRequested() {
        return cancelRequested;
    }

    /** The name of the API key that submitted it; null when security was off. */
    public String owner() {
        return owner;
    }

    public UUID teacherExperimentId() {
        return teacherExperimentId;
    }

    /** Phase, epoch, progress and eta of the run. */
    RunProgress progress() {
        return progress;
    }
}
