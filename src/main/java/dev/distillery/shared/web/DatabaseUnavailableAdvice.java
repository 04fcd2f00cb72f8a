package dev.distillery.shared.web;

import dev.distillery.shared.ProblemTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * While the database cannot be reached (stopped, frozen, partitioned) the API answers 503 problem+json with
 * {@code Retry-After}, within the pool's and the driver's timeouts (2 s for a connection, 4 s for a read), never a
 * 500 or a hang. Ordered before {@link ApiExceptionHandler}, whose catch-all would answer 500 (it answers a database
 * failure of another type, such as a rollback that failed on a broken connection, through {@link #unavailable} too).
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class DatabaseUnavailableAdvice {

    private static final Logger log = LoggerFactory.getLogger(DatabaseUnavailableAdvice.class);

    /** Seconds a client should wait before trying again. */
    static final int RETRY_AFTER_SECONDS = 5;

    @ExceptionHandler({
        DataAccessResourceFailureException.class,
        CannotCreateTransactionException.class,
        QueryTimeoutException.class,
        TransientDataAccessResourceException.class,
        org.hibernate.exception.JDBCConnectionException.class
    })
    ResponseEntity<Object> databaseUnavailable(Exception ex) {
        return unavailable(ex);
    }

    static ResponseEntity<Object> unavailable(Exception ex) {
        log.warn("Database unavailable: {}", ex.toString());
        return answer();
    }

    static ResponseEntity<Object> answer() {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(
                HttpStatus.SERVICE_UNAVAILABLE,
                "the database cannot be reached right now; retry in " + RETRY_AFTER_SECONDS + " s");
        body.setType(ProblemTypes.DATABASE_UNAVAILABLE);
        body.setTitle("Database unavailable");
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, Integer.toString(RETRY_AFTER_SECONDS))
                .body(body);
    }
}
