package dev.distillery.experiments.web;

import dev.distillery.shared.InvalidRequestException;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** The {@code timeout} of a long-poll: an ISO-8601 duration, positive, at most ten minutes. */
final class WaitTimeout {

    static final Duration MAX = Duration.ofMinutes(10);

    private WaitTimeout() {}

    static Duration parse(String timeout) {
        if (timeout == null) {
            return MAX;
        }
        try {
            Duration parsed = Duration.parse(timeout);
            if (parsed.isNegative() || parsed.isZero() || parsed.compareTo(MAX) > 0) {
                throw new InvalidRequestException("timeout", "must be between PT0.001S and PT10M");
            }
            return parsed;
        } catch (DateTimeParseException notIso) {
            throw new InvalidRequestException("timeout", "must be an ISO-8601 duration such as PT10M");
        }
    }
}
