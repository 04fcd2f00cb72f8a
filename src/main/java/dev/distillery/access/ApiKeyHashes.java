package dev.distillery.access;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Keys are stored only as their SHA-256 (hex). Keys are 256-bit random strings, so a fast hash is
 * enough: there is nothing to brute-force, and every request can be checked without a slow KDF.
 */
final class ApiKeyHashes {

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-f]{64}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiKeyHashes() {}

    /** A configured hash in canonical form: lower-case hex, an optional {@code sha256:} prefix removed; null if malformed. */
    static String canonical(String configured) {
        if (configured == null) {
            return null;
        }
        String hex = configured.trim().toLowerCase(java.util.Locale.ROOT);
        hex = hex.startsWith("sha256:") ? hex.substring("sha256:".length()) : hex;
        return HEX_SHA256.matcher(hex).matches() ? hex : null;
    }

    /** A new key: "dk_" and 32 random bytes, URL-safe. */
    static String newKey() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "dk_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
