package dev.distillery.access;

import java.util.regex.Pattern;

/** Key names: they become experiment owners and appear in URLs, so they are kept plain. */
final class KeyNames {

    static final String PATTERN = "[A-Za-z0-9][A-Za-z0-9_.-]{0,63}";
    private static final Pattern VALID = Pattern.compile(PATTERN);

    private KeyNames() {}

    static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }
}
