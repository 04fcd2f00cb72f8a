package dev.distillery.training.engine;

import dev.distillery.shared.Sha256;
import dev.distillery.training.TrainingException;
import dev.distillery.training.TrainingPlan;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.CheckedInputStream;
import java.util.zip.CheckedOutputStream;

/**
 * The training state written after a student epoch, from which a run resumes exactly
 * ({@link TrainingPlan#resumeState()}). Layout (big-endian, Java {@code DataOutput}):
 *
 * <pre>
 *   header   8 bytes magic "DSTLSTAT", int format version (2), int completed student epochs,
 *            UTF plan fingerprint (SHA-256 hex of the identity), UTF plan identity (key=value;...),
 *            boolean teacher included
 *   body     the student's parameters (DJL Block.saveParameters, exactly the checkpoint format),
 *            the optimizer state (see TrainingOptimizer: name, parameter count, per parameter name,
 *            update count and state arrays in DJL's NDArray encoding),
 *            the method's learnable parameters: int count, per parameter its name and its value in DJL's
 *            NDArray encoding (int length, bytes); absent in version 1,
 *            the frozen teacher's parameters (DJL format) when the teacher was trained in the run
 *   trailer  long CRC32 of every byte before it
 * </pre>
 *
 * <p>The identity lists everything that determines the student's trajectory: method and its parameters,
 * architectures, dataset and its sample limits, optimizer and every hyperparameter, augmentation and seed. Not
 * in it: the number of epochs (a run may be extended), the dataset's directory, the teacher's parameter file, the
 * time limit. A state whose fingerprint differs from the plan's is refused, naming the differing keys.
 */
public final class TrainingState {

    /** The format version written. */
    public static final int FORMAT_VERSION = 2;

    /** The oldest version still read: version 1 has no method section (its methods learned nothing). */
    static final int OLDEST_READABLE_VERSION = 1;

    private static final byte[] MAGIC = "DSTLSTAT".getBytes(StandardCharsets.US_ASCII);
    private static final int TRAILER_BYTES = Long.BYTES;

    private TrainingState() {}

    /** What the header of a state says. */
    record Header(int version, int completedEpochs, String fingerprint, String identity, boolean hasTeacher) {}

    /**
     * Why the state at {@code plan.resumeState()} cannot resume {@code plan}, or empty: unreadable, not a training
     * state, another format version, corrupt (checksum) or truncated, written for another plan, more epochs done
     * than the plan has, or no teacher available for a method that needs one. Reads the file, loads nothing.
     */
    public static Optional<String> problem(TrainingPlan plan, boolean needsTeacher) {
        Path file = plan.resumeState();
        if (file == null) {
            return Optional.empty();
        }
        try {
            verify(file, plan, needsTeacher);
            return Optional.empty();
        } catch (TrainingException e) {
            return Optional.of(e.getMessage());
        }
    }

    /**
     * Checks the file's integrity (checksum over all of it) and that its header matches {@code plan}.
     *
     * @throws TrainingException saying why the state cannot be used
     */
    static Header verify(Path file, TrainingPlan plan, boolean needsTeacher) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw failure(file, "no readable file");
        }
        Header header;
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            header = readHeader(file, in);
        } catch (IOException e) {
            throw failure(file, "could not read it: " + e.getMessage());
        }
        verifyChecksum(file);
        mismatch(header, plan, needsTeacher).ifPresent(problem -> {
            throw failure(file, problem);
        });
        return header;
    }

    /**
     * Writes the state after {@code completedEpochs} student epochs; leaves {@code out} open.
     *
     * @param training the student's phase: its network, optimizer and method run
     * @param teacher the frozen teacher when it was trained in this run (or restored from a state), else null
     */
    static void write(OutputStream out, TrainingPlan plan, int completedEpochs, PhaseTraining training, Network teacher)
            throws IOException {
        CRC32 crc = new CRC32();
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(new CheckedOutputStream(out, crc)));
        data.write(MAGIC);
        data.writeInt(FORMAT_VERSION);
        data.writeInt(completedEpochs);
        data.writeUTF(PlanIdentity.fingerprint(plan));
        data.writeUTF(PlanIdentity.of(plan));
        data.writeBoolean(teacher != null);
        training.network().writeParameters(data);
        training.optimizer().writeState(data);
        MethodState.write(data, training.run().parameters());
        if (teacher != null) {
            teacher.writeParameters(data);
        }
        data.flush();
        DataOutputStream trailer = new DataOutputStream(out);
        trailer.writeLong(crc.getValue());
        trailer.flush();
    }

    /**
     * Loads a verified state ({@link #verify}) into a freshly built student phase and teacher: the student's
     * parameters, the optimizer's state, the method's learnable parameters and, when the state holds one, the
     * teacher's parameters.
     *
     * @param teacher receives the state's teacher; null when {@code header} says there is none
     * @return the number of completed student epochs
     * @throws TrainingException when the state cannot be loaded into these networks
     */
    static int read(Path file, Header header, PhaseTraining training, Network teacher) {
        if (header.hasTeacher() != (teacher != null)) {
            throw new IllegalArgumentException("teacher network must be given exactly when the state holds one");
        }
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            Header again = readHeader(file, in);
            if (!again.equals(header)) {
                throw failure(file, "the file changed while it was being read");
            }
            String source = "the training state";
            training.network().readParameters(in, source);
            training.optimizer().readState(in);
            if (header.version() >= 2) {
                MethodState.read(in, training.run().parameters());
            } else if (!training.run().parameters().isEmpty()) {
                throw failure(file, "it was written before methods could learn parameters");
            }
            if (teacher != null) {
                teacher.readParameters(in, source);
            }
            in.readLong();
            if (in.read() != -1) {
                throw failure(file, "unexpected data after the checksum");
            }
            return header.completedEpochs();
        } catch (EOFException e) {
            throw failure(file, "it is truncated (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw failure(file, "could not read it: " + e.getMessage());
        } catch (TrainingException e) {
            throw e.getMessage().startsWith("resumeState") ? e : failure(file, e.getMessage());
        } catch (RuntimeException e) {
            throw failure(file, "it is malformed: " + e);
        }
    }

    private static Header readHeader(Path file, DataInputStream in) throws IOException {
        byte[] magic = in.readNBytes(MAGIC.length);
        if (!Arrays.equals(magic, MAGIC)) {
            throw failure(file, "not a training state (no DSTLSTAT header)");
        }
        try {
            int version = in.readInt();
            if (version < OLDEST_READABLE_VERSION || version > FORMAT_VERSION) {
                throw failure(
                        file,
                        "written in format version " + version + "; this service reads versions "
                                + OLDEST_READABLE_VERSION + " to " + FORMAT_VERSION);
            }
            int completed = in.readInt();
            String fingerprint = in.readUTF();
            String identity = in.readUTF();
            boolean hasTeacher = in.readBoolean();
            if (completed < 1) {
                throw failure(file, "it is corrupt (" + completed + " completed epochs)");
            }
            return new Header(version, completed, fingerprint, identity, hasTeacher);
        } catch (EOFException e) {
            throw failure(file, "it is truncated (the header is incomplete)");
        }
    }

    private static void verifyChecksum(Path file) {
        try {
            long size = Files.size(file);
            if (size < MAGIC.length + TRAILER_BYTES) {
                throw failure(file, "it is truncated (" + size + " bytes)");
            }
            CRC32 crc = new CRC32();
            long stored;
            try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
                    CheckedInputStream checked = new CheckedInputStream(raw, crc)) {
                byte[] buffer = new byte[1 << 16];
                long remaining = size - TRAILER_BYTES;
                while (remaining > 0) {
                    int read = checked.read(buffer, 0, (int) Math.min(buffer.length, remaining));
                    if (read < 0) {
                        throw failure(file, "it is truncated");
                    }
                    remaining -= read;
                }
                stored = new DataInputStream(raw).readLong();
            }
            if (stored != crc.getValue()) {
                throw failure(file, "it is corrupt or truncated (checksum mismatch)");
            }
        } catch (IOException e) {
            throw failure(file, "could not read it: " + e.getMessage());
        }
    }

    private static Optional<String> mismatch(Header header, TrainingPlan plan, boolean needsTeacher) {
        if (!header.fingerprint().equals(PlanIdentity.fingerprint(plan))
                || !header.fingerprint().equals(Sha256.hex(header.identity()))) {
            return Optional.of("it was written for a different plan ("
                    + PlanIdentity.differences(header.identity(), PlanIdentity.of(plan)) + ")");
        }
        if (header.completedEpochs() > plan.epochs()) {
            return Optional.of("it holds " + header.completedEpochs() + " completed epochs but the plan has only "
                    + plan.epochs());
        }
        if (header.hasTeacher() && !needsTeacher) {
            return Optional.of("it holds a teacher but method '" + plan.method() + "' has none");
        }
        if (needsTeacher && !header.hasTeacher() && plan.teacherParameters() == null) {
            return Optional.of("it holds no teacher (the teacher was loaded from teacherParameters when it was "
                    + "written); set teacherParameters to the same teacher");
        }
        return Optional.empty();
    }

    private static TrainingException failure(Path file, String problem) {
        return new TrainingException("resumeState " + file + " cannot be used: " + problem);
    }
}
