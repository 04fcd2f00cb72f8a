package dev.distillery.experiments.spec;

import dev.distillery.methods.MethodRecipe;
import java.util.List;
import java.util.Set;

/**
 * The training recipe of the paper's reference code (mdistiller's CIFAR-100 configs and data loader) for a dataset
 * and student: SGD, momentum 0.9, weight decay 5e-4, batch 64, 240 epochs, lr ×0.1 at 150/180/210; lr 0.01 for
 * MobileNetV2 and ShuffleNetV1/V2 students, 0.05 for every other student; random crop (padding 4) and horizontal
 * flip for CIFAR-10/100, no augmentation for the 28×28 datasets and {@code synthetic}. A method's own recipe
 * ({@link MethodRecipe}) wins field by field.
 */
final class PaperRecipe {

    static final double LEARNING_RATE = 0.05;
    static final double LIGHT_STUDENT_LEARNING_RATE = 0.01;

    private static final Set<String> LIGHT_STUDENTS = Set.of("mobilenetv2", "shufflenetv1", "shufflenetv2");
    private static final Set<String> AUGMENTED_DATASETS = Set.of("cifar10", "cifar100");

    private PaperRecipe() {}

    /** Every training field for this dataset and student, the method's recipe fields winning. */
    static TrainingSpec of(MethodRecipe method, String dataset, String student) {
        TrainingSpec rule = new TrainingSpec(
                240,
                64,
                "sgd",
                learningRate(student),
                0.9,
                5e-4,
                List.of(150, 180, 210),
                0.1,
                AUGMENTED_DATASETS.contains(dataset),
                null);
        TrainingSpec methods = new TrainingSpec(
                method.epochs(), null, null, method.learningRate(), null, null, null, null, method.augment(), null);
        return SpecDefaults.training(methods, rule);
    }

    static double learningRate(String student) {
        return LIGHT_STUDENTS.contains(student) ? LIGHT_STUDENT_LEARNING_RATE : LEARNING_RATE;
    }
}
