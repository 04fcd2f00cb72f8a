package dev.distillery.tracking;

import java.util.Locale;
import java.util.regex.Pattern;

/** The only checkpoint names there are; anything else a client sends is refused before any file access. */
public final class CheckpointNames {

    public static final String LAST = "last";
    public static final String BEST = "best";
    private static final Pattern VALID = Pattern.compile("last|best|epoch-\\d{4,5}");

    private CheckpointNames() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    static String periodic(int epoch) {
        return String.format(Locale.ROOT, "epoch-%04d", epoch);
    }

    static String kind(String name) {
        return name.startsWith("epoch-") ? "periodic" : name;
    }
}
