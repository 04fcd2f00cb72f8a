package dev.distillery.training.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** File-existence checks shared by the file-based dataset sources. */
final class DatasetFiles {

    private DatasetFiles() {}

    /** The first of the candidate file names that exists as a regular file in {@code directory}. */
    static Optional<Path> find(Path directory, List<String> candidates) {
        return candidates.stream()
                .map(directory::resolve)
                .filter(Files::isRegularFile)
                .findFirst();
    }

    /** Like {@link #find} but failing with a message that names the file. */
    static Path require(Path directory, List<String> candidates) throws java.io.FileNotFoundException {
        return find(directory, candidates)
                .orElseThrow(
                        () -> new java.io.FileNotFoundException(describe(candidates) + " not found in " + directory));
    }

    /** Why {@code directory} lacks one of the files, each given as alternative names, or empty. */
    static Optional<String> problem(String dataset, Path directory, List<List<String>> files) {
        if (!Files.isDirectory(directory)) {
            return Optional.of("directory " + directory + " for dataset '" + dataset + "' does not exist");
        }
        return files.stream()
                .filter(candidates -> find(directory, candidates).isEmpty())
                .findFirst()
                .map(candidates -> "dataset '" + dataset + "' is missing " + describe(candidates) + " in " + directory);
    }

    private static String describe(List<String> candidates) {
        return candidates.size() == 1
                ? candidates.get(0)
                : candidates.get(0) + " (or " + String.join(", ", candidates.subList(1, candidates.size())) + ")";
    }
}
