package dev.distillery.models;

import dev.distillery.shared.FieldViolation;
import dev.distillery.shared.InvalidRequestException;
import dev.distillery.training.ArchitectureCatalog;
import dev.distillery.training.DatasetCatalog;
import dev.distillery.training.DatasetInfo;
import dev.distillery.training.InputShape;
import dev.distillery.training.ModelInterop;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * Checks what an import declares: a format, a zoo architecture for safetensors (TorchScript has none), an input
 * shape and class count (or a dataset to take them from) within limits; each bad field is named.
 */
@Component
class ModelImportRules {

    static final int MAX_SIDE = 1024;
    static final int MAX_CHANNELS = 16;
    static final int MAX_CLASSES = 100_000;
    private static final int MAX_NAME = 200;
    private static final Pattern SHAPE = Pattern.compile("(\\d{1,4})x(\\d{1,4})x(\\d{1,4})");

    private final ArchitectureCatalog architectures;
    private final DatasetCatalog datasets;

    ModelImportRules(ArchitectureCatalog architectures, DatasetCatalog datasets) {
        this.architectures = architectures;
        this.datasets = datasets;
    }

    ModelImport check(ImportRequest request) {
        List<FieldViolation> violations = new ArrayList<>();
        ModelFormat format = ModelFormat.parse(request.format());
        if (format == null) {
            violations.add(new FieldViolation("format", "must be safetensors or torchscript"));
        }
        String architecture = architecture(format, request.architecture(), violations);
        Optional<DatasetInfo> dataset = dataset(request.dataset(), violations);
        InputShape shape = shape(request.inputShape(), dataset, violations);
        Integer classes = request.classes() != null
                ? request.classes()
                : dataset.map(DatasetInfo::classes).orElse(null);
        if (classes == null || classes < 1 || classes > MAX_CLASSES) {
            violations.add(new FieldViolation("classes", "must be 1 to " + MAX_CLASSES + " (or given by dataset)"));
        }
        dataset.filter(info -> shape != null && !info.inputShape().equals(shape))
                .ifPresent(info -> violations.add(new FieldViolation(
                        "inputShape", shape + " is not the shape of " + info.name() + " (" + info.inputShape() + ")")));
        dataset.filter(info -> classes != null && info.classes() != classes)
                .ifPresent(info -> violations.add(new FieldViolation(
                        "classes",
                        classes + " is not the class count of " + info.name() + " (" + info.classes() + ")")));
        if (request.name() != null
                && (request.name().isBlank() || request.name().length() > MAX_NAME)) {
            violations.add(new FieldViolation("name", "must be 1 to " + MAX_NAME + " characters"));
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException(violations);
        }
        String name = request.name() != null
                ? request.name()
                : architecture + " " + format.name().toLowerCase();
        return new ModelImport(name, format, architecture, shape, classes, request.dataset());
    }

    private String architecture(ModelFormat format, String architecture, List<FieldViolation> violations) {
        if (format == ModelFormat.TORCHSCRIPT) {
            if (architecture != null && !ModelInterop.TORCHSCRIPT.equals(architecture)) {
                violations.add(new FieldViolation(
                        "architecture", "a TorchScript module is a black box; leave architecture out"));
            }
            return ModelInterop.TORCHSCRIPT;
        }
        if (format == ModelFormat.SAFETENSORS
                && (architecture == null || architectures.find(architecture).isEmpty())) {
            violations.add(new FieldViolation(
                    "architecture",
                    "a safetensors state dict needs one of " + String.join(", ", architectures.names())));
        }
        return architecture;
    }

    private Optional<DatasetInfo> dataset(String name, List<FieldViolation> violations) {
        if (name == null) {
            return Optional.empty();
        }
        Optional<DatasetInfo> dataset = datasets.find(name);
        if (dataset.isEmpty()) {
            violations.add(new FieldViolation("dataset", "unknown dataset '" + name + "'"));
        }
        return dataset;
    }

    private static InputShape shape(String text, Optional<DatasetInfo> dataset, List<FieldViolation> violations) {
        if (text == null) {
            if (dataset.isEmpty()) {
                violations.add(new FieldViolation("inputShape", "is required (CxHxW, e.g. 3x32x32) without a dataset"));
            }
            return dataset.map(DatasetInfo::inputShape).orElse(null);
        }
        Matcher matcher = SHAPE.matcher(text);
        if (matcher.matches()) {
            int channels = Integer.parseInt(matcher.group(1));
            int height = Integer.parseInt(matcher.group(2));
            int width = Integer.parseInt(matcher.group(3));
            if (channels >= 1
                    && channels <= MAX_CHANNELS
                    && height >= 1
                    && height <= MAX_SIDE
                    && width >= 1
                    && width <= MAX_SIDE) {
                return new InputShape(channels, height, width);
            }
        }
        violations.add(new FieldViolation(
                "inputShape",
                "must be CxHxW with C in 1.." + MAX_CHANNELS + " and H, W in 1.." + MAX_SIDE + ", e.g. 3x32x32"));
        return null;
    }
}
