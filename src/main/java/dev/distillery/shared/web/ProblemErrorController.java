package dev.distillery.shared.web;

import dev.distillery.shared.DatabaseFailures;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The error dispatch ({@code sendError} from a filter or from Spring itself, e.g. a TRACE request)
 * answered as problem+json, in place of Spring Boot's {@code {timestamp, path, …}} JSON, which
 * echoes the path. A filter that could not reach the database (the API-key lookup of a key an admin created) is
 * answered 503 with {@code Retry-After}, as the controllers answer it.
 */
@RestController
@Hidden
class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    ResponseEntity<?> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer value && value >= 400 ? value : 500;
        // only a failure the server could not answer otherwise: Tomcat's own 408 for a stalled body also carries a
        // SocketTimeoutException, which is the client's, not the database's
        if (status == 500
                && request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Exception failure
                && DatabaseFailures.unreachable(failure)) {
            return DatabaseUnavailableAdvice.unavailable(failure);
        }
        return ResponseEntity.status(status)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ServerErrorProblem.of(status).json());
    }
}
