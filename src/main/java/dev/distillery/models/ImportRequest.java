package dev.distillery.models;

/**
 * An import as a client sends it; every field is checked by {@link ModelImportRules}.
 *
 * @param inputShape {@code CxHxW}, e.g. {@code 3x32x32}; absent = the dataset's
 * @param classes absent = the dataset's
 */
public record ImportRequest(
        String name, String format, String architecture, String inputShape, Integer classes, String dataset) {}
