package dev.distillery.experiments;

import dev.distillery.experiments.ExperimentSpec.TeacherSpec;
import dev.distillery.shared.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The rules of a spec that span fields or need the catalogs: known method, architectures and
 * dataset (with its files present), a teacher exactly when the method needs one.
 */
@Component
class SpecRules {

    private final CatalogLookup catalog;

    SpecRules(CatalogLookup catalog) {
        this.catalog = catalog;
    }

    /** Checks a resolved spec; an empty list means it can run. */
    List<FieldViolation> check(ExperimentSpec spec) {
        List<FieldViolation> violations = new ArrayList<>();
        checkMethodAndTeacher(spec, violations);
        checkArchitecture("student.architecture", spec.student().architecture(), violations);
        catalog.datasetProblem(spec.dataset())
                .ifPresent(violations::add);
        checkDecaySchedule(spec.training(), violations);
        return violations;
    }

    private void checkMethodAndTeacher(ExperimentSpec spec, List<FieldViolation> violations) {
        var method = catalog.method(spec.method());
        if (method.isEmpty()) {
            violations.add(new FieldViolation("method", "unknown method '" + spec.method() + "'; known: "
                    + String.join(", ", catalog.methodNames())));
            return;
        }
        boolean needsTeacher = method.get().needsTeacher();
        if (needsTeacher && spec.teacher() == null) {
            violations.add(new FieldViolation("teacher", "is required for method '" + spec.method() + "'"));
        } else if (!needsTeacher && spec.teacher() != null) {
            violations.add(new FieldViolation("teacher", "must be absent for method '" + spec.method()
                    + "', which trains the student on labels only"));
        } else if (spec.teacher() != null) {
            checkTeacher(spec.teacher(), violations);
        }
    }

    private void checkTeacher(TeacherSpec teacher, List<FieldViolation> violations) {
        if (teacher.architecture() != null && teacher.experimentId() != null) {
            violations.add(new FieldViolation("teacher", "give either architecture or experimentId, not both"));
        } else if (teacher.architecture() != null) {
            checkArchitecture("teacher.architecture", teacher.architecture(), violations);
            if (teacher.checkpoint() != null) {
                violations.add(new FieldViolation("teacher.checkpoint", "only applies to a teacher given by "
                        + "experimentId"));
            }
        } else if (teacher.experimentId() != null) {
            violations.add(new FieldViolation("teacher.experimentId", "reusing a finished experiment as teacher "
                    + "needs its checkpoints, which this version does not store yet; give teacher.architecture"));
        } else {
            violations.add(new FieldViolation("teacher", "needs architecture or experimentId"));
        }
    }

    private void checkArchitecture(String field, String architecture, List<FieldViolation> violations) {
        if (!catalog.architectureNames().contains(architecture)) {
            violations.add(new FieldViolation(field, "unknown architecture '" + architecture + "'; known: "
                    + String.join(", ", catalog.architectureNames())));
        }
    }

    private static void checkDecaySchedule(TrainingSpec training, List<FieldViolation> violations) {
        List<Integer> epochs = training.lrDecayEpochs();
        for (int i = 1; i < epochs.size(); i++) {
            if (epochs.get(i) <= epochs.get(i - 1)) {
                violations.add(new FieldViolation("training.lrDecayEpochs", "must be strictly increasing"));
                return;
            }
        }
    }
}
