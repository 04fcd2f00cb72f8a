package dev.distillery.training;

import dev.distillery.methods.DistillationMethod;
import dev.distillery.methods.MethodRegistry;
import dev.distillery.training.engine.Optimizers;
import dev.distillery.training.engine.TrainingState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Finds the first reason a plan cannot be trained, without loading anything (a resume state's header and checksum
 * are read, not loaded).
 */
final class PlanValidator {

    private final DatasetCatalog datasets;
    private final ArchitectureCatalog architectures;
    private final MethodRegistry methods;

    PlanValidator(DatasetCatalog datasets, ArchitectureCatalog architectures, MethodRegistry methods) {
        this.datasets = datasets;
        this.architectures = architectures;
        this.methods = methods;
    }

    Optional<String> problem(TrainingPlan plan) {
        if (plan == null) {
            return Optional.of("a training plan is required");
        }
        return first(
                () -> datasets.problem(plan.dataset()),
                () -> methodProblem(plan),
                () -> architectureProblem(plan, plan.studentArchitecture(), "student"),
                () -> teacherProblem(plan),
                () -> hyperparameterProblem(plan),
                () -> methodParamsProblem(plan),
                () -> check(
                        plan.maxMinutes() == null || plan.maxMinutes() >= 0,
                        "maxMinutes must be >= 0 (null for no limit), was " + plan.maxMinutes()),
                () -> resumeStateProblem(plan));
    }

    /** The resume state must be an intact training state written for this plan (reads its header and checksum). */
    private Optional<String> resumeStateProblem(TrainingPlan plan) {
        if (plan.resumeState() == null) {
            return Optional.empty();
        }
        boolean needsTeacher = methods.find(plan.method())
                .map(DistillationMethod::needsTeacher)
                .orElse(false);
        return TrainingState.problem(plan, needsTeacher);
    }

    private Optional<String> methodProblem(TrainingPlan plan) {
        return methods.find(plan.method()).isPresent()
                ? Optional.empty()
                : Optional.of("unknown method '" + plan.method() + "'; known: " + String.join(", ", methods.names()));
    }

    private Optional<String> teacherProblem(TrainingPlan plan) {
        boolean needsTeacher = methods.find(plan.method())
                .map(DistillationMethod::needsTeacher)
                .orElse(false);
        if (!needsTeacher) {
            return Optional.empty();
        }
        if (plan.teacherArchitecture() == null) {
            return Optional.of("method '" + plan.method() + "' needs a teacherArchitecture");
        }
        if (plan.teacherIsTorchScript()) {
            return plan.teacherParameters() == null
                    ? Optional.of("a torchscript teacher needs teacherParameters: the module's file")
                    : teacherParametersProblem(plan.teacherParameters());
        }
        return architectureProblem(plan, plan.teacherArchitecture(), "teacher")
                .or(() -> plan.teacherParameters() != null
                        ? teacherParametersProblem(plan.teacherParameters())
                        : teacherPlanProblem(plan, plan.teacherPlan()));
    }

    private static Optional<String> teacherParametersProblem(Path file) {
        return check(
                Files.isRegularFile(file) && Files.isReadable(file), "teacherParameters: no readable file at " + file);
    }

    /** The teacher plan trains the teacher architecture without a teacher, on the student's dataset. */
    private Optional<String> teacherPlanProblem(TrainingPlan plan, TrainingPlan teacherPlan) {
        if (teacherPlan == null) {
            return Optional.empty();
        }
        return first(
                () -> methods.find(teacherPlan.method()).isEmpty()
                        ? Optional.of("teacherPlan: unknown method '" + teacherPlan.method() + "'; known: "
                                + String.join(", ", methods.names()))
                        : Optional.empty(),
                () -> check(
                        methods.find(teacherPlan.method())
                                .map(m -> !m.needsTeacher())
                                .orElse(true),
                        "teacherPlan: method '" + teacherPlan.method() + "' needs a teacher itself; train the teacher "
                                + "with a method without one (e.g. ce)"),
                () -> check(
                        teacherPlan.studentArchitecture() == null
                                || teacherPlan.studentArchitecture().equals(plan.teacherArchitecture()),
                        "teacherPlan trains '" + teacherPlan.studentArchitecture() + "' but the teacher is '"
                                + plan.teacherArchitecture() + "'"),
                () -> check(
                        teacherPlan.dataset() != null
                                && Objects.equals(
                                        teacherPlan.dataset().name(),
                                        plan.dataset().name()),
                        "teacherPlan must use the student's dataset '"
                                + plan.dataset().name() + "'"),
                () -> datasets.problem(teacherPlan.dataset()).map(p -> "teacherPlan: " + p),
                () -> hyperparameterProblem(teacherPlan).map(p -> "teacherPlan: " + p),
                () -> methodParamsProblem(teacherPlan).map(p -> "teacherPlan: " + p));
    }

    private static Optional<String> methodParamsProblem(TrainingPlan plan) {
        return plan.methodParams().entrySet().stream()
                .filter(entry -> entry.getValue() == null || !Double.isFinite(entry.getValue()))
                .findFirst()
                .map(entry -> "methodParams." + entry.getKey() + " must be a finite number, was " + entry.getValue());
    }

    private Optional<String> architectureProblem(TrainingPlan plan, String name, String role) {
        DatasetInfo dataset = datasets.info(plan.dataset()).orElseThrow();
        return architectures
                .problem(name, dataset.inputShape(), dataset.classes())
                .map(p -> role + ": " + p);
    }

    private static Optional<String> hyperparameterProblem(TrainingPlan plan) {
        return first(
                () -> check(plan.epochs() >= 1, "epochs must be at least 1"),
                () -> check(plan.batchSize() >= 1, "batchSize must be at least 1"),
                () -> check(positive(plan.learningRate()), "learningRate must be positive"),
                () -> check(positive(plan.temperature()), "temperature must be positive"),
                () -> check(plan.momentum() >= 0 && plan.momentum() < 1, "momentum must be in [0, 1)"),
                () -> check(plan.weightDecay() >= 0 && Double.isFinite(plan.weightDecay()), "weightDecay must be >= 0"),
                () -> check(positive(plan.lrDecayRate()), "lrDecayRate must be positive"),
                () -> check(
                        plan.lrDecayEpochs() == null
                                || plan.lrDecayEpochs().stream().noneMatch(Objects::isNull),
                        "lrDecayEpochs must not contain null"),
                () -> check(
                        plan.optimizer() != null
                                && Optimizers.NAMES.contains(plan.optimizer().toLowerCase(Locale.ROOT)),
                        "unknown optimizer '" + plan.optimizer() + "'; known: " + String.join(", ", Optimizers.NAMES)));
    }

    private static boolean positive(double value) {
        return value > 0 && Double.isFinite(value);
    }

    private static Optional<String> check(boolean valid, String message) {
        return valid ? Optional.empty() : Optional.of(message);
    }

    @SafeVarargs
    private static Optional<String> first(Supplier<Optional<String>>... checks) {
        return Stream.of(checks).map(Supplier::get).flatMap(Optional::stream).findFirst();
    }
}
