package dev.distillery.experiments.spec;

import dev.distillery.experiments.GpuWorkers;
import dev.distillery.experiments.catalog.CatalogLookup;
import dev.distillery.experiments.spec.ExperimentSpec.TeacherSpec;
import dev.distillery.methods.MethodParameter;
import dev.distillery.shared.FieldViolation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The rules of a resolved spec that span fields or need the catalogs: known architectures, a usable
 * dataset, a teacher exactly when the method needs one, method parameters the method declares.
 */
@Component
public class SpecRules {

    private final CatalogLookup catalog;
    private final TeacherExperiments teachers;
    private final TeacherModels models;
    private final boolean noGpuWillCome;
    private final BooleanSupplier gpuWorkerSeen;

    @Autowired
    SpecRules(
            CatalogLookup catalog,
            TeacherExperiments teachers,
            TeacherModels models,
            @Value("${distillery.devices:auto}") String devices,
            GpuWorkers gpuWorkers) {
        this(catalog, teachers, models, devices, gpuWorkers::anySeen);
    }

    /** @param gpuWorkerSeen whether a GPU worker has ever been seen by this deployment ({@link GpuWorkers}) */
    SpecRules(
            CatalogLookup catalog,
            TeacherExperiments teachers,
            TeacherModels models,
            String devices,
            BooleanSupplier gpuWorkerSeen) {
        this.catalog = catalog;
        this.teachers = teachers;
        this.models = models;
        this.noGpuWillCome = devices.trim().equalsIgnoreCase("cpu");
        this.gpuWorkerSeen = gpuWorkerSeen;
    }

    /** Fields the client set that the spec's (known) method ignores, each refused; see {@link MethodFields}. */
    public List<FieldViolation> inapplicable(ExperimentSpec given) {
        return MethodFields.inapplicable(given, catalog.method(given.method()).orElseThrow());
    }

    /** Checks a resolved spec of a known method; an empty list means it can run. */
    public List<FieldViolation> check(ExperimentSpec spec) {
        List<FieldViolation> violations = new ArrayList<>();
        checkTeacherPresence(spec, violations);
        checkArchitecture("student.architecture", spec.student().architecture(), violations);
        catalog.datasetProblem(spec.dataset()).ifPresent(violations::add);
        checkDecaySchedule("training", spec.training(), violations);
        checkMethodParams(spec, violations);
        checkGateReference(spec, violations);
        if (SpecDefaults.GPU.equals(spec.device()) && noGpuWillCome) {
            violations.add(new FieldViolation(
                    "device",
                    "no GPU worker will take it: this cluster is configured " + "with distillery.devices=cpu"));
        } else if (SpecDefaults.GPU.equals(spec.device()) && !gpuWorkerSeen.getAsBoolean()) {
            violations.add(new FieldViolation(
                    "device",
                    "no GPU worker has ever been seen by this deployment, so none would take it; start a worker "
                            + "with a GPU first, or submit with device 'any'"));
        }
        return violations;
    }

    private void checkTeacherPresence(ExperimentSpec spec, List<FieldViolation> violations) {
        boolean needsTeacher = catalog.method(spec.method()).orElseThrow().needsTeacher();
        if (needsTeacher && spec.teacher() == null) {
            violations.add(new FieldViolation("teacher", "is required for method '" + spec.method() + "'"));
        } else if (!needsTeacher && spec.teacher() != null) {
            violations.add(new FieldViolation(
                    "teacher",
                    "must be absent for method '" + spec.method() + "', which trains the student on labels only"));
        } else if (spec.teacher() != null) {
            checkTeacher(spec, spec.teacher(), violations);
        }
    }

    private void checkTeacher(ExperimentSpec spec, TeacherSpec teacher, List<FieldViolation> violations) {
        if (teacher.modelId() != null) {
            models.problems(teacher, spec.dataset()).forEach(violations::add);
        } else if (teacher.experimentId() != null) {
            teachers.problems(teacher, spec.dataset()).forEach(violations::add);
        } else if (teacher.architecture() == null) {
            violations.add(new FieldViolation("teacher", "needs architecture, experimentId or modelId"));
        } else {
            checkArchitecture("teacher.architecture", teacher.architecture(), violations);
            if (teacher.checkpoint() != null) {
                violations.add(new FieldViolation(
                        "teacher.checkpoint", "only applies to a teacher given by " + "experimentId"));
            }
            checkDecaySchedule("teacher.training", teacher.training(), violations);
        }
    }

    private void checkGateReference(ExperimentSpec spec, List<FieldViolation> violations) {
        if (spec.expect() != null && spec.expect().minDeltaVsExperiment() != null) {
            java.util.UUID reference = spec.expect().minDeltaVsExperiment().experimentId();
            if (teachers.architecture(reference).isEmpty()) {
                violations.add(
                        new FieldViolation("expect.minDeltaVsExperiment.experimentId", "no experiment " + reference));
            }
        }
    }

    private void checkArchitecture(String field, String architecture, List<FieldViolation> violations) {
        if (!catalog.architectureNames().contains(architecture)) {
            violations.add(new FieldViolation(
                    field,
                    "unknown architecture '" + architecture + "'; known: "
                            + String.join(", ", catalog.architectureNames())));
        }
    }

    private void checkMethodParams(ExperimentSpec spec, List<FieldViolation> violations) {
        List<MethodParameter> declared = catalog.methodParameters(spec.method());
        for (Map.Entry<String, Double> param : spec.methodParams().entrySet()) {
            String field = "methodParams." + param.getKey();
            Optional<MethodParameter> parameter = declared.stream()
                    .filter(p -> p.name().equals(param.getKey()))
                    .findFirst();
            if (parameter.isEmpty()) {
                violations.add(new FieldViolation(field, unknownParameter(spec.method(), param.getKey(), declared)));
            } else {
                parameter
                        .get()
                        .violation(param.getValue())
                        .ifPresent(reason -> violations.add(new FieldViolation(field, reason)));
            }
        }
    }

    private String unknownParameter(String method, String name, List<MethodParameter> declared) {
        String known = declared.isEmpty()
                ? "it has none"
                : "it has: "
                        + String.join(
                                ", ",
                                declared.stream().map(MethodParameter::name).toList());
        String owner = catalog.methodNames().stream()
                .filter(other -> catalog.methodParameters(other).stream()
                        .anyMatch(p -> p.name().equals(name)))
                .findFirst()
                .map(other -> " ('" + name + "' belongs to method '" + other + "')")
                .orElse("");
        return "method '" + method + "' has no parameter '" + name + "'" + owner + "; " + known;
    }

    private static void checkDecaySchedule(String prefix, TrainingSpec training, List<FieldViolation> violations) {
        List<Integer> epochs = training == null ? List.of() : training.lrDecayEpochs();
        for (int i = 1; epochs != null && i < epochs.size(); i++) {
            if (epochs.get(i) <= epochs.get(i - 1)) {
                violations.add(new FieldViolation(prefix + ".lrDecayEpochs", "must be strictly increasing"));
                return;
            }
        }
    }
}
