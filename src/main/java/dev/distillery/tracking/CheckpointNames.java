package dev.distillery.tracking;

import java.util.Locale;
import java.util.regex.Pattern;

/** The only checkpoint names there are; anything else a client sends is refused before any file access. */
public final class CheckpointNames {

    public static final String LAST = "last";
    public static final String BEST = "best";
    public static final String RESUME_KIND = "resume";
    private static final Pattern VALID = Pattern.compile("last|best|(epoch|resume)-\\d{4,5}");

    private CheckpointNames() {}

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    static String periodic(int epoch) {
        return String.format(Locale.ROOT, "epoch-%04d", epoch);
    }

    /** The training state to resume after {@code epoch}; one per epoch so a crash never overwrites the last good one. */
    static String resume(int epoch) {
        return String.format(Locale.ROOT, "resume-%04d", epoch);
    }

    static String kind(String name) {
        if (name.startsWith("epoch-")) {
            return "periodic";
        }
        return name.startsWith("resume-") ? RESUME_KIND : name;
    }
}
