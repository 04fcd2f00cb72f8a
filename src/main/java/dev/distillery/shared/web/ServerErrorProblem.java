package dev.distillery.shared.web;

import dev.distillery.shared.ProblemTypes;
import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * The generic problem for an error status the service answers without a handler of its own (the
 * HTTP server's refusals, Spring's error dispatch). Every string is a constant: no request line,
 * path or message is echoed (they may hold secrets), so the JSON needs no escaping.
 */
record ServerErrorProblem(int status, URI type, String title, String detail) {

    static final String MALFORMED_DETAIL = "the request was malformed and rejected by the HTTP server "
            + "(bad URI encoding, illegal characters or headers over the size limit)";

    static ServerErrorProblem of(int status) {
        return switch (status) {
            case 400 ->
                new ServerErrorProblem(status, ProblemTypes.MALFORMED_REQUEST, "Malformed request", MALFORMED_DETAIL);
            case 404 -> new ServerErrorProblem(status, ProblemTypes.NOT_FOUND, "Not found", "no resource at this path");
            case 413 ->
                new ServerErrorProblem(
                        status,
                        ProblemTypes.PAYLOAD_TOO_LARGE,
                        "Payload too large",
                        "the request was too large for the HTTP server");
            case 500 ->
                new ServerErrorProblem(
                        status,
                        ProblemTypes.INTERNAL,
                        "Internal error",
                        "the HTTP server failed to process the request");
            default -> {
                HttpStatus known = HttpStatus.resolve(status);
                yield new ServerErrorProblem(
                        status,
                        URI.create("about:blank"),
                        known != null ? known.getReasonPhrase().replace("\"", "") : "Error",
                        "the request was rejected by the HTTP server");
            }
        };
    }

    String json() {
        return "{\"type\":\"" + type + "\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\"" + detail
                + "\"}";
    }
}
