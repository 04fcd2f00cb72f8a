package dev.distillery.tensors;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import dev.distillery.training.DjlTestThreads;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class OwnedArraysTest {

    @BeforeAll
    static void threads() {
        DjlTestThreads.oneThreadUnlessConfigured();
    }

    /**
     * The hazard of issue 18: autograd keeps the scalar of {@code x / 4} for the backward pass. A scalar in Java memory
     * (DJL's {@code div(Number)}) is freed by a collection before that pass; a LibTorch-owned one is not. Between
     * forward and backward the test collects garbage and hands freed native memory out again, filled with 1e30.
     */
    @Test
    void aScalarSavedForTheBackwardPassSurvivesCollectionsBetweenForwardAndBackward() throws Exception {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray weight = manager.create(new float[] {1, 2, 3}).duplicate();
            weight.setRequiresGradient(true);
            for (int step = 0; step < 20; step++) {
                try (NDManager scope = manager.newSubManager()) {
                    boolean previous = JniUtils.isGradMode();
                    JniUtils.setGradMode(true);
                    try {
                        NDArray loss = weight.mul(OwnedArrays.of(scope, new float[] {1, 1, 1}, new Shape(3)))
                                .div(OwnedArrays.scalar(weight, 4.0))
                                .sum();
                        collectAndReuseFreedMemory();
                        JniUtils.backward((PtNDArray) loss, (PtNDArray) loss.onesLike(), false, false);
                    } finally {
                        JniUtils.setGradMode(previous);
                    }
                    try (NDArray gradient = weight.getGradient()) {
                        assertThat(gradient.toFloatArray()).as("step %d", step).containsExactly(0.25f, 0.25f, 0.25f);
                    }
                    JniUtils.zeroGrad((PtNDArray) weight);
                }
            }
        }
    }

    @Test
    void copiesHoldTheValuesShapeAndTypeAsked() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray images = OwnedArrays.of(manager, new float[] {1.5f, -2, 3, 4, 5, 6}, new Shape(2, 3));
            assertThat(images.getShape()).isEqualTo(new Shape(2, 3));
            assertThat(images.toFloatArray()).containsExactly(1.5f, -2, 3, 4, 5, 6);

            NDArray labels = OwnedArrays.of(manager, new long[] {7, 0, 9});
            assertThat(labels.getDataType()).isEqualTo(DataType.INT64);
            assertThat(labels.toLongArray()).containsExactly(7, 0, 9);

            NDArray rows = OwnedArrays.of(manager, new double[][] {{0.1, 0.2}, {1e-300, 3}});
            assertThat(rows.getDataType()).isEqualTo(DataType.FLOAT64);
            assertThat(rows.toDoubleArray()).containsExactly(0.1, 0.2, 1e-300, 3);

            NDArray third = OwnedArrays.scalar(images, 1.0 / 3);
            assertThat(third.getShape()).isEqualTo(new Shape());
            assertThat(third.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat(third.toFloatArray()).containsExactly((float) (1.0 / 3));
            assertThat(OwnedArrays.scalar(rows, 1.0 / 3).toDoubleArray()).containsExactly(1.0 / 3);
            assertThat(manager.getManagedArrays()).hasSize(5);
        }
    }

    @Test
    void ownKeepsTheArrayObjectItsValuesAndItsManager() {
        try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
            NDArray decoded =
                    manager.decode(manager.create(new float[] {0.5f, 7}).encode());
            decoded.setName("weight");
            OwnedArrays.own(decoded);
            assertThat(decoded.toFloatArray()).containsExactly(0.5f, 7);
            assertThat(decoded.getName()).isEqualTo("weight");
            assertThat(manager.getManagedArrays()).contains(decoded);

            decoded.setRequiresGradient(true);
            assertThatThrownBy(() -> OwnedArrays.own(decoded))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("weight");
        }
    }

    /** The rule of the engine's package documentation, kept by the compiler's output rather than by review. */
    @Test
    void outsideThisPackageNoCodeMakesArraysOverJavaMemory() {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.distillery");
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.distillery.tensors..")
                .should()
                .callMethodWhere(
                        new DescribedPredicate<JavaMethodCall>(
                                "NDManager.create(Java data) or an NDArray operation with a Java Number") {
                            @Override
                            public boolean test(JavaMethodCall call) {
                                return overJavaMemory(call);
                            }
                        })
                .because("such arrays live in memory that only a Java object keeps alive (see OwnedArrays)")
                .check(classes);
    }

    private static boolean overJavaMemory(JavaMethodCall call) {
        var target = call.getTarget();
        var parameters = target.getRawParameterTypes();
        boolean numberOperand = target.getOwner().isAssignableTo(NDArray.class)
                && parameters.size() == 1
                && parameters.get(0).isEquivalentTo(Number.class);
        boolean createFromData = target.getOwner().isAssignableTo(NDManager.class)
                && target.getName().equals("create")
                && !parameters.isEmpty()
                && !parameters.get(0).isEquivalentTo(Shape.class);
        return numberOperand || createFromData;
    }

    private static void collectAndReuseFreedMemory() throws InterruptedException {
        System.gc();
        Thread.sleep(20);
        List<ByteBuffer> reuse = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            reuse.add(ByteBuffer.allocateDirect(8).putDouble(0, 1e30));
        }
        assertThat(reuse).hasSize(2000);
    }
}
