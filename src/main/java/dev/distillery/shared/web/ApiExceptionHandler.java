package dev.distillery.shared.web;

import dev.distillery.shared.ConflictException;
import dev.distillery.shared.ContentTooLargeException;
import dev.distillery.shared.DatabaseFailures;
import dev.distillery.shared.FieldViolation;
import dev.distillery.shared.ForbiddenException;
import dev.distillery.shared.InvalidRequestException;
import dev.distillery.shared.NotFoundException;
import dev.distillery.shared.ProblemTypes;
import dev.distillery.shared.TooManyRequestsException;
import dev.distillery.shared.UnprocessableException;
import java.net.URI;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSourceResolvable;
import org.springframework.core.MethodParameter;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.FieldError;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Answers every error as RFC 9457 {@code application/problem+json}; field problems carry
 * {@code errors[]} with the JSON path of each bad field and the reason.
 */
@RestControllerAdvice
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    private final DataSize multipartFileLimit;

    ApiExceptionHandler(@Value("${spring.servlet.multipart.max-file-size:-1B}") DataSize multipartFileLimit) {
        this.multipartFileLimit = multipartFileLimit;
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<Object> invalid(InvalidRequestException ex) {
        return ResponseEntity.badRequest().body(invalidRequest(ex.violations()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException ex) {
        return problem(HttpStatus.NOT_FOUND, ProblemTypes.NOT_FOUND, "Not found", ex.getMessage());
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException ex) {
        return problem(HttpStatus.CONFLICT, ProblemTypes.CONFLICT, "Conflict", ex.getMessage());
    }

    @ExceptionHandler(ForbiddenException.class)
    ResponseEntity<Object> forbidden(ForbiddenException ex) {
        return problem(HttpStatus.FORBIDDEN, ProblemTypes.FORBIDDEN, "Forbidden", ex.getMessage());
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<Object> tooMany(TooManyRequestsException ex) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS, ex.getMessage());
        body.setType(ProblemTypes.TOO_MANY_REQUESTS);
        body.setTitle(ex.title());
        return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
                .header(
                        HttpHeaders.RETRY_AFTER,
                        Long.toString(Math.max(1, ex.retryAfter().toSeconds())))
                .body(body);
    }

    @ExceptionHandler(UnprocessableException.class)
    ResponseEntity<Object> unprocessable(UnprocessableException ex) {
        ProblemDetail body =
                ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT, ex.field() + ": " + ex.getMessage());
        body.setType(ProblemTypes.UNPROCESSABLE);
        body.setTitle("Unprocessable request");
        body.setProperty("errors", List.of(new FieldViolation(ex.field(), ex.getMessage())));
        return ResponseEntity.unprocessableContent().body(body);
    }

    @ExceptionHandler(OptimisticLockingFailureException.class)
    ResponseEntity<Object> concurrentChange(OptimisticLockingFailureException ex) {
        return problem(
                HttpStatus.CONFLICT,
                ProblemTypes.CONFLICT,
                "Conflict",
                "the resource changed while this request was handled (e.g. a worker started it); read it and retry");
    }

    /** A body that trickled in too slowly: 408, and the connection is closed. */
    @ExceptionHandler(RequestTimeoutException.class)
    ResponseEntity<Object> slow(RequestTimeoutException ex) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.REQUEST_TIMEOUT, ex.getMessage());
        body.setType(ProblemTypes.REQUEST_TIMEOUT);
        body.setTitle("Request timeout");
        return ResponseEntity.status(HttpStatus.REQUEST_TIMEOUT)
                .header(HttpHeaders.CONNECTION, "close")
                .body(body);
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<Object> tooLarge(PayloadTooLargeException ex) {
        return problem(
                HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large", ex.getMessage());
    }

    @ExceptionHandler(ContentTooLargeException.class)
    ResponseEntity<Object> uploadTooLarge(ContentTooLargeException ex) {
        return problem(
                HttpStatus.CONTENT_TOO_LARGE, ProblemTypes.PAYLOAD_TOO_LARGE, "Payload too large", ex.getMessage());
    }

    @Override
    protected ResponseEntity<Object> handleMaxUploadSizeExceededException(
            MaxUploadSizeExceededException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(
                HttpStatus.CONTENT_TOO_LARGE,
                ProblemTypes.PAYLOAD_TOO_LARGE,
                "Payload too large",
                "file: larger than the limit of " + multipartFileLimit.toBytes() + " bytes");
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException ex) {
        String expected =
                ex.getRequiredType() == null ? "value" : ex.getRequiredType().getSimpleName();
        return ResponseEntity.badRequest()
                .body(invalidRequest(List.of(
                        new FieldViolation(ex.getName(), "'" + ex.getValue() + "' is not a valid " + expected))));
    }

    /** Also the database failures no specific type names, e.g. a rollback that failed on a broken connection. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception ex) {
        if (DatabaseFailures.unreachable(ex)) {
            return DatabaseUnavailableAdvice.unavailable(ex);
        }
        log.error("Unexpected error", ex);
        return problem(
                HttpStatus.INTERNAL_SERVER_ERROR,
                ProblemTypes.INTERNAL,
                "Internal error",
                "An unexpected error occurred; it has been logged.");
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = ex.getBindingResult().getAllErrors().stream()
                .map(error -> new FieldViolation(
                        error instanceof FieldError field ? field.getField() : error.getObjectName(),
                        error.getDefaultMessage()))
                .toList();
        return ResponseEntity.badRequest().body(invalidRequest(violations));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(
            HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldViolation> violations = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream()
                        .map(error -> new FieldViolation(
                                parameterName(result.getMethodParameter(), error), error.getDefaultMessage())))
                .toList();
        return ResponseEntity.badRequest().body(invalidRequest(violations));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) {
                return tooLarge(tooLarge);
            }
            if (cause instanceof RequestTimeoutException slow) {
                return slow(slow);
            }
        }
        FieldViolation violation = JsonErrorFields.describe(ex.getCause());
        ProblemDetail body = ProblemDetail.forStatusAndDetail(
                HttpStatus.BAD_REQUEST, violation.field() + ": " + violation.message());
        body.setType(ProblemTypes.MALFORMED_BODY);
        body.setTitle("Unreadable request body");
        body.setProperty("errors", List.of(violation));
        return ResponseEntity.badRequest().body(body);
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(
            MissingServletRequestParameterException ex,
            HttpHeaders headers,
            HttpStatusCode status,
            WebRequest request) {
        return ResponseEntity.badRequest()
                .body(invalidRequest(List.of(new FieldViolation(ex.getParameterName(), "is required"))));
    }

    /**
     * The client's Accept excludes every type the endpoint produces (or cannot be parsed): the problem
     * is still sent, as problem+json, since a preset content type skips the negotiation that failed.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotAcceptable(
            HttpMediaTypeNotAcceptableException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(
                HttpStatus.NOT_ACCEPTABLE,
                "the Accept header "
                        + "asks for no type this endpoint produces"
                        + (ex.getSupportedMediaTypes().isEmpty()
                                ? ""
                                : " (it produces " + ex.getSupportedMediaTypes() + ")"));
        body.setType(ProblemTypes.NOT_ACCEPTABLE);
        body.setTitle("Not acceptable");
        return ResponseEntity.status(HttpStatus.NOT_ACCEPTABLE)
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(body);
    }

    /** A body's fields are named by their JSON path alone; other parameters by their name first. */
    private static String parameterName(MethodParameter parameter, MessageSourceResolvable error) {
        if (!(error instanceof FieldError field)) {
            return headerOrParameterName(parameter);
        }
        return parameter.hasParameterAnnotation(RequestBody.class)
                ? field.getField()
                : parameter.getParameterName() + "." + field.getField();
    }

    private static String headerOrParameterName(MethodParameter parameter) {
        RequestHeader header = parameter.getParameterAnnotation(RequestHeader.class);
        return header != null && !header.name().isEmpty() ? header.name() : parameter.getParameterName();
    }

    private static ProblemDetail invalidRequest(List<FieldViolation> violations) {
        String detail = violations.stream()
                .map(v -> v.field() + ": " + v.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
        ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
        body.setType(ProblemTypes.INVALID_REQUEST);
        body.setTitle("Invalid request");
        body.setProperty("errors", violations);
        return body;
    }

    private static ResponseEntity<Object> problem(HttpStatus status, URI type, String title, String detail) {
        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(type);
        body.setTitle(title);
        return ResponseEntity.status(status).body(body);
    }
}
