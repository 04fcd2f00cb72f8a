package dev.distillery.shared;

import java.util.List;

/** A request that is well-formed JSON but breaks the API's rules; answered with 400 and {@code errors[]}. */
public class InvalidRequestException extends RuntimeException {

    private final transient List<FieldViolation> violations;

    public InvalidRequestException(List<FieldViolation> violations) {
        super(summary(violations));
        this.violations = List.copyOf(violations);
    }

    public InvalidRequestException(String field, String message) {
        this(List.of(new FieldViolation(field, message)));
    }

    public List<FieldViolation> violations() {
        return violations;
    }

    private static String summary(List<FieldViolation> violations) {
        return violations.stream()
                .map(v -> v.field() + ": " + v.message())
                .reduce((a, b) -> a + "; " + b)
                .orElse("invalid request");
    }
}
