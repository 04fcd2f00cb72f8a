package dev.distillery.datasets;

import dev.distillery.shared.Caller;
import dev.distillery.shared.ContentTooLargeException;
import dev.distillery.shared.FieldViolation;
import dev.distillery.shared.InvalidRequestException;
import dev.distillery.training.DatasetCatalog;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.springframework.stereotype.Service;

/**
 * An uploaded image folder archive: streamed to disk under the size limit, unpacked safely into
 * {@code <first dataset root>/uploads/<name>-<id>}, checked as an image folder, then registered. Whatever fails
 * leaves nothing behind: the upload and everything unpacked are deleted.
 */
@Service
public class DatasetUploads {

    private final DatasetAdministration administration;
    private final UploadLimits limits;
    private final Path uploads;

    DatasetUploads(DatasetAdministration administration, UploadLimits limits, DatasetCatalog catalog) {
        this.administration = administration;
        this.limits = limits;
        this.uploads = catalog.roots().roots().get(0).resolve("uploads");
    }

    /** Where uploads are unpacked (tests check that refused ones leave nothing there). */
    public Path directory() {
        return uploads;
    }

    public DatasetView upload(String name, int imageSize, InputStream body, Caller caller) {
        administration.checkName(name);
        String id = name + "-" + UUID.randomUUID();
        Path archive = uploads.resolve(id + ".upload");
        Path target = uploads.resolve(id);
        boolean registered = false;
        try {
            Files.createDirectories(target);
            receive(body, archive);
            new ArchiveUnpacker(limits).unpack(archive, target);
            Path root = root(target);
            DatasetView view = register(name, imageSize, root, caller);
            registered = true;
            return view;
        } catch (IOException e) {
            throw new UncheckedIOException("could not store the upload of '" + name + "'", e);
        } finally {
            UploadedFiles.delete(archive);
            if (!registered) {
                UploadedFiles.delete(target);
            }
        }
    }

    /** Registers the unpacked folder; what is wrong with it is reported on the field {@code archive}. */
    private DatasetView register(String name, int imageSize, Path root, Caller caller) {
        try {
            return administration.register(
                    name, "imagefolder", root.toAbsolutePath().toString(), imageSize, true, caller);
        } catch (InvalidRequestException e) {
            throw new InvalidRequestException(e.violations().stream()
                    .map(v -> v.field().equals("path") ? new FieldViolation("archive", v.message()) : v)
                    .toList());
        }
    }

    private void receive(InputStream body, Path archive) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long received = 0;
        try (OutputStream out = Files.newOutputStream(archive)) {
            for (int n = body.read(buffer); n >= 0; n = body.read(buffer)) {
                received += n;
                if (received > limits.maxBytes()) {
                    throw new ContentTooLargeException("the upload exceeds " + limits.maxBytes()
                            + " bytes (distillery.datasets.upload.max-bytes)");
                }
                out.write(buffer, 0, n);
            }
        }
        if (received == 0) {
            throw new InvalidRequestException("archive", "the request body is empty; send a .zip or .tar.gz");
        }
    }

    /** The image folder's root: the unpacked directory, or its single top-level folder when that holds train/. */
    private static Path root(Path target) throws IOException {
        if (Files.isDirectory(target.resolve("train"), LinkOption.NOFOLLOW_LINKS)) {
            return target;
        }
        try (Stream<Path> children = Files.list(target)) {
            List<Path> all = children.toList();
            if (all.size() == 1 && Files.isDirectory(all.get(0).resolve("train"), LinkOption.NOFOLLOW_LINKS)) {
                return all.get(0);
            }
        }
        return target;
    }
}
