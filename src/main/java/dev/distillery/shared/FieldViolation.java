package dev.distillery.shared;

/** One rejected request field: its JSON path (e.g. {@code training.epochs}) and why. */
public record FieldViolation(String field, String message) {}
