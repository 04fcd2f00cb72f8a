package dev.distillery.shared.web;

import dev.distillery.shared.FieldViolation;
import java.util.List;

/**
 * The shape of every error answer (RFC 9457), as documented in the OpenAPI spec.
 *
 * @param errors the bad fields, for 400 answers
 */
record ProblemView(
        String type, String title, int status, String detail, String instance, List<FieldViolation> errors) {}
