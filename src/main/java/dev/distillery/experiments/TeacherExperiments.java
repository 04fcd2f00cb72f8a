package dev.distillery.experiments;

import dev.distillery.experiments.ExperimentSpec.DatasetSpec;
import dev.distillery.experiments.ExperimentSpec.TeacherSpec;
import dev.distillery.shared.FieldViolation;
import dev.distillery.tracking.CheckpointRecord;
import dev.distillery.tracking.CheckpointRecords;
import dev.distillery.tracking.CheckpointStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.stereotype.Component;

/** Earlier experiments used as teachers: whether they fit a new spec, and their verified checkpoint files. */
@Component
class TeacherExperiments {

    private final ExperimentRepository experiments;
    private final SpecCodec codec;
    private final CheckpointRecords checkpoints;
    private final CheckpointStore store;

    TeacherExperiments(ExperimentRepository experiments, SpecCodec codec, CheckpointRecords checkpoints,
            CheckpointStore store) {
        this.experiments = experiments;
        this.codec = codec;
        this.checkpoints = checkpoints;
        this.store = store;
    }

    Optional<String> architecture(UUID experimentId) {
        return experiments.findById(experimentId).map(teacher -> codec.read(teacher.specJson()).student()
                .architecture());
    }

    List<FieldViolation> problems(TeacherSpec teacher, DatasetSpec dataset) {
        Optional<Experiment> found = experiments.findById(teacher.experimentId());
        if (found.isEmpty()) {
            return List.of(new FieldViolation("teacher.experimentId", "no experiment " + teacher.experimentId()));
        }
        Experiment experiment = found.get();
        ExperimentSpec teacherSpec = codec.read(experiment.specJson());
        if (experiment.status() == ExperimentStatus.FAILED || experiment.status() == ExperimentStatus.CANCELLED) {
            return List.of(new FieldViolation("teacher.experimentId", "experiment " + experiment.id() + " ended "
                    + experiment.status() + " and has no model to teach with"));
        }
        if (!teacherSpec.dataset().name().equals(dataset.name())) {
            return List.of(new FieldViolation("teacher.experimentId", "the teacher was trained on '"
                    + teacherSpec.dataset().name() + "', this experiment uses '" + dataset.name() + "'"));
        }
        if (!teacherSpec.student().architecture().equals(teacher.architecture())) {
            return List.of(new FieldViolation("teacher.architecture", "experiment " + experiment.id() + " trained a '"
                    + teacherSpec.student().architecture() + "', not a '" + teacher.architecture() + "'"));
        }
        if (teacher.training() != null) {
            return List.of(new FieldViolation("teacher.training", "only applies to a teacher trained inside "
                    + "this experiment (teacher.architecture)"));
        }
        return List.of();
    }

    /** The teacher's checkpoint file, after checking its bytes against the recorded SHA-256. */
    Path verifiedCheckpoint(UUID teacherId, String name) throws IOException {
        CheckpointRecord record = checkpoints.find(teacherId, name).orElseThrow(() -> new IOException(
                "teacher experiment " + teacherId + " has no '" + name + "' checkpoint"));
        Path file = store.localFile(teacherId, name);
        String actual = sha256(file);
        if (!actual.equals(record.sha256())) {
            throw new IOException("the '" + name + "' checkpoint of teacher experiment " + teacherId
                    + " is corrupt: SHA-256 " + actual + " instead of " + record.sha256());
        }
        return file;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
