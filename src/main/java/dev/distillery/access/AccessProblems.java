package dev.distillery.access;

import dev.distillery.shared.ProblemResponses;
import dev.distillery.shared.ProblemTypes;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.stream.Collectors;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;

/** The 401 (no or bad key) and 403 (a key without the role) answers, as problem details. */
final class AccessProblems {

    private AccessProblems() {}

    static void unauthorized(HttpServletResponse response, String detail) throws IOException {
        response.setHeader("WWW-Authenticate", "Bearer realm=\"distillery\"");
        ProblemResponses.write(
                response, HttpServletResponse.SC_UNAUTHORIZED, ProblemTypes.UNAUTHORIZED, "Unauthorized", detail);
    }

    /** Spring Security's entry point: the request came without a key and needs one. */
    static void missingKey(HttpServletRequest request, HttpServletResponse response, AuthenticationException ex)
            throws IOException {
        unauthorized(response, "this needs an API key: send 'Authorization: Bearer <key>' or 'X-API-Key: <key>'");
    }

    /** Spring Security's access-denied handler: the key is valid but its roles do not allow this. */
    static void forbidden(HttpServletRequest request, HttpServletResponse response, AccessDeniedException ex)
            throws IOException {
        var authentication = SecurityContextHolder.getContext().getAuthentication();
        if (!(authentication instanceof ApiKeyAuthentication key)) {
            missingKey(request, response, null);
            return;
        }
        String roles =
                key.caller().roles().stream().map(ApiRole::label).sorted().collect(Collectors.joining(", "));
        ProblemResponses.write(
                response,
                HttpServletResponse.SC_FORBIDDEN,
                ProblemTypes.FORBIDDEN,
                "Forbidden",
                "the key '" + key.caller().name() + "' (roles: " + roles + ") may not " + request.getMethod() + " "
                        + request.getRequestURI() + "; reader reads, submitter also submits and cancels its own "
                        + "experiments, admin may do everything");
    }
}
