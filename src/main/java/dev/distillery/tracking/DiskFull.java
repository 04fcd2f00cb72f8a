package dev.distillery.tracking;

import java.io.IOException;
import java.util.Locale;

/** Whether a write failed because the disk is full (ENOSPC; or a quota, EDQUOT), as the JDK reports it. */
final class DiskFull {

    private DiskFull() {}

    static boolean is(IOException failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null) {
                String lower = message.toLowerCase(Locale.ROOT);
                if (lower.contains("no space left") || lower.contains("disk quota exceeded")) {
                    return true;
                }
            }
        }
        return false;
    }
}
