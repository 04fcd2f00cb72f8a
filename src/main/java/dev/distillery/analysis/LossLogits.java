package dev.distillery.analysis;

import dev.distillery.methods.DistillationMethod;
import dev.distillery.methods.MultiLevelDistillation;
import dev.distillery.methods.Views;
import dev.distillery.shared.FieldViolation;
import java.util.List;

/**
 * The logits and labels of a loss query, checked against the method: {@code student} always; {@code teacher}
 * exactly when the method needs one; {@code teacherStrong} and {@code studentStrong} exactly when it trains on a
 * weak and a strong view; every matrix of the student's shape and valid by {@link LogitMatrices}; one label per
 * row, each a class index in [0, classes). mlkd compares every pair of samples (its batch-level term, a rows × rows
 * matrix per temperature), so it takes at most as many rows as there may be classes (its class-level term is
 * classes × classes).
 *
 * @param teacher       null for a method without teacher
 * @param teacherStrong null unless the method has two views
 * @param studentStrong null unless the method has two views
 */
record LossLogits(
        double[][] teacher, double[][] student, double[][] teacherStrong, double[][] studentStrong, long[] labels) {

    /** The checked logits, or null with violations added. {@code method} null (unknown) checks shapes only. */
    static LossLogits read(
            DistillationMethod method, LossQuery query, LogitMatrices matrices, List<FieldViolation> violations) {
        int before = violations.size();
        double[][] student = matrices.read("student", query.student(), violations);
        boolean teacherNeeded = method == null ? query.teacher() != null : method.needsTeacher();
        boolean twoViews = method == null
                ? query.teacherStrong() != null || query.studentStrong() != null
                : method.views() == Views.WEAK_AND_STRONG;
        double[][] teacher = teacherNeeded ? matrices.read("teacher", query.teacher(), violations) : null;
        double[][] teacherStrong = twoViews ? matrices.read("teacherStrong", query.teacherStrong(), violations) : null;
        double[][] studentStrong = twoViews ? matrices.read("studentStrong", query.studentStrong(), violations) : null;
        if (method != null) {
            refuseUnused(method, query, teacherNeeded, twoViews, violations);
        }
        if (student != null) {
            sameShape("teacher", teacher, student, violations);
            sameShape("teacherStrong", teacherStrong, student, violations);
            sameShape("studentStrong", studentStrong, student, violations);
            if (method != null && MultiLevelDistillation.NAME.equals(method.name())) {
                int most = matrices.maxClasses();
                if (student.length > most) {
                    violations.add(new FieldViolation(
                            "student",
                            "has " + student.length + " rows; mlkd compares "
                                    + "every pair of samples, so it takes at most " + most));
                }
            }
        }
        long[] labels = labels(query.labels(), student, violations);
        return violations.size() == before
                ? new LossLogits(teacher, student, teacherStrong, studentStrong, labels)
                : null;
    }

    private static void refuseUnused(
            DistillationMethod method,
            LossQuery query,
            boolean teacherNeeded,
            boolean twoViews,
            List<FieldViolation> violations) {
        if (!teacherNeeded && query.teacher() != null) {
            violations.add(new FieldViolation(
                    "teacher", "must be absent for method '" + method.name() + "', which learns from labels only"));
        }
        String oneView = "must be absent for method '" + method.name() + "', which trains on one view; only a method "
                + "with a weak and a strong view (mlkd) reads it";
        if (!twoViews && query.teacherStrong() != null) {
            violations.add(new FieldViolation("teacherStrong", oneView));
        }
        if (!twoViews && query.studentStrong() != null) {
            violations.add(new FieldViolation("studentStrong", oneView));
        }
    }

    private static void sameShape(
            String field, double[][] matrix, double[][] student, List<FieldViolation> violations) {
        if (matrix != null && !LogitMatrices.sameShape(matrix, student)) {
            violations.add(new FieldViolation(
                    field,
                    "has shape " + LogitMatrices.shape(matrix) + " but student has " + LogitMatrices.shape(student)
                            + "; all logits must have the same rows and classes"));
        }
    }

    private static long[] labels(List<Long> labels, double[][] student, List<FieldViolation> violations) {
        if (labels == null) {
            violations.add(new FieldViolation("labels", "is required"));
            return null;
        }
        if (student != null && labels.size() != student.length) {
            violations.add(new FieldViolation(
                    "labels", "has " + labels.size() + " entries but student has " + student.length + " rows"));
            return null;
        }
        int before = violations.size();
        long classes = student == null ? Long.MAX_VALUE : student[0].length;
        long[] values = new long[labels.size()];
        for (int i = 0; i < values.length && violations.size() - before < LogitMatrices.MAX_VIOLATIONS; i++) {
            Long label = labels.get(i);
            if (label == null || label < 0 || label >= classes) {
                violations.add(new FieldViolation(
                        "labels[" + i + "]",
                        student == null
                                ? "must be a class index (0 or more)"
                                : "must be a class index from 0 to " + (classes - 1)));
            } else {
                values[i] = label;
            }
        }
        return values;
    }
}
