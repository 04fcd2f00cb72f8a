package dev.distillery.training.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The layout of a torchvision {@code ImageFolder} tree: {@code train/<class>/*.{png,jpg,jpeg}} and {@code test/} (or
 * {@code val/}) with the same class folders; classes sorted by name. Finds what is wrong with it without decoding:
 * a missing split, an empty class, classes that differ between the splits, files that are not images, links.
 */
public final class ImageFolderScan {

    /** How many bad files or classes a problem names. */
    public static final int NAMED = 20;

    private static final Set<String> EXTENSIONS = Set.of("png", "jpg", "jpeg");

    /** One image file and its label. */
    public record Image(Path file, int label) {}

    /** The classes and the images of both splits, or the problems found. */
    public record Layout(List<String> classes, List<Image> train, List<Image> test, List<String> problems) {}

    private ImageFolderScan() {}

    public static Layout scan(Path root) throws IOException {
        List<String> problems = new ArrayList<>();
        Path train = root.resolve("train");
        Path test = Files.isDirectory(root.resolve("test"), LinkOption.NOFOLLOW_LINKS)
                ? root.resolve("test")
                : root.resolve("val");
        if (!Files.isDirectory(train, LinkOption.NOFOLLOW_LINKS)
                || !Files.isDirectory(test, LinkOption.NOFOLLOW_LINKS)) {
            problems.add("an image folder needs train/<class>/ and test/<class>/ (or val/<class>/) directories");
            return new Layout(List.of(), List.of(), List.of(), problems);
        }
        TreeSet<String> trainClasses = classes(train, problems);
        TreeSet<String> testClasses = classes(test, problems);
        if (!trainClasses.equals(testClasses)) {
            problems.add("the class folders of train/ and " + test.getFileName() + "/ differ: "
                    + named(difference(trainClasses, testClasses)));
        }
        List<String> classes = List.copyOf(trainClasses);
        List<Image> trainImages = images(train, classes, problems);
        List<Image> testImages = images(test, classes, problems);
        if (classes.isEmpty()) {
            problems.add("train/ has no class folders");
        }
        return new Layout(classes, trainImages, testImages, problems);
    }

    /** The first {@link #NAMED} of {@code items}, and how many more there are. */
    public static String named(List<String> items) {
        String shown = String.join(", ", items.subList(0, Math.min(NAMED, items.size())));
        return items.size() > NAMED ? shown + " (and " + (items.size() - NAMED) + " more)" : shown;
    }

    private static TreeSet<String> classes(Path split, List<String> problems) throws IOException {
        TreeSet<String> classes = new TreeSet<>();
        List<String> stray = new ArrayList<>();
        try (Stream<Path> children = Files.list(split)) {
            for (Path child : children.sorted().toList()) {
                String name = child.getFileName().toString();
                if (Files.isDirectory(child, LinkOption.NOFOLLOW_LINKS)) {
                    classes.add(name);
                } else if (!name.startsWith(".")) {
                    stray.add(split.getFileName() + "/" + name);
                }
            }
        }
        if (!stray.isEmpty()) {
            problems.add("files outside a class folder: " + named(stray));
        }
        return classes;
    }

    private static List<Image> images(Path split, List<String> classes, List<String> problems) throws IOException {
        List<Image> images = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        List<String> notImages = new ArrayList<>();
        for (int label = 0; label < classes.size(); label++) {
            Path folder = split.resolve(classes.get(label));
            if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            int before = images.size();
            for (Path file : files(folder)) {
                String relative = split.getParent().relativize(file).toString();
                if (Files.isSymbolicLink(file) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                    notImages.add(relative + " (not a regular file)");
                } else if (!EXTENSIONS.contains(extension(file))) {
                    notImages.add(relative);
                } else {
                    images.add(new Image(file, label));
                }
            }
            if (images.size() == before) {
                empty.add(split.getFileName() + "/" + classes.get(label));
            }
        }
        if (!empty.isEmpty()) {
            problems.add("classes without images: " + named(empty));
        }
        if (!notImages.isEmpty()) {
            problems.add("not PNG or JPEG images: " + named(notImages));
        }
        return images;
    }

    private static List<Path> files(Path folder) throws IOException {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(file -> !Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS))
                    .filter(file -> !file.getFileName().toString().startsWith("."))
                    .sorted()
                    .toList();
        }
    }

    private static String extension(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    private static List<String> difference(Set<String> a, Set<String> b) {
        List<String> differing = new ArrayList<>();
        a.stream().filter(name -> !b.contains(name)).forEach(name -> differing.add(name + " (train only)"));
        b.stream().filter(name -> !a.contains(name)).forEach(name -> differing.add(name + " (test only)"));
        return differing;
    }
}
