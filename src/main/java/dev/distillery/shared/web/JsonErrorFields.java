package dev.distillery.shared.web;

import dev.distillery.shared.FieldViolation;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/** Turns Jackson's reading errors into a field path and a reason a client can act on. */
final class JsonErrorFields {

    private JsonErrorFields() {}

    static FieldViolation describe(Throwable cause) {
        if (!(cause instanceof JacksonException jackson)) {
            return new FieldViolation("body", "the request body is missing or is not valid JSON");
        }
        String path = path(jackson.getPath());
        if (jackson instanceof UnrecognizedPropertyException unknown) {
            return new FieldViolation(path, "unknown field '" + unknown.getPropertyName() + "'");
        }
        if (jackson instanceof InvalidFormatException invalid
                && invalid.getValue() instanceof String text
                && StrictStrings.reason(text) != null) {
            return new FieldViolation(path, StrictStrings.reason(text));
        }
        if (jackson instanceof InvalidFormatException invalid) {
            return new FieldViolation(
                    path,
                    "value " + quoted(invalid.getValue()) + " is not a valid " + typeName(invalid.getTargetType()));
        }
        if (jackson instanceof MismatchedInputException mismatch) {
            return new FieldViolation(path, "wrong type: expected " + typeName(mismatch.getTargetType()));
        }
        if (jackson instanceof StreamReadException) {
            return new FieldViolation(path, "malformed JSON: " + jackson.getOriginalMessage());
        }
        return new FieldViolation(path, "unreadable value");
    }

    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "body" : path.toString();
    }

    private static String quoted(Object value) {
        return value instanceof String text ? "'" + text + "'" : String.valueOf(value);
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return Integer.class == type || Long.class == type || int.class == type || long.class == type
                    ? "integer"
                    : "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "boolean";
        }
        if (type == String.class || type.isEnum() || type == java.util.UUID.class) {
            return type == java.util.UUID.class ? "UUID" : "string";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "array";
        }
        return "object";
    }
}
