package dev.distillery.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MethodRegistryTest {

    private final MethodRegistry registry = new MethodRegistry();

    @Test
    void listsBuiltInMethodsByName() {
        assertThat(registry.names()).containsExactly("ce", "ctkd", "dkd", "kd", "mlkd");
        assertThat(registry.find("kd"))
                .get()
                .extracting(DistillationMethod::needsTeacher)
                .isEqualTo(true);
        assertThat(registry.find("dkd"))
                .get()
                .extracting(DistillationMethod::needsTeacher)
                .isEqualTo(true);
        assertThat(registry.find("ce"))
                .get()
                .extracting(DistillationMethod::needsTeacher)
                .isEqualTo(false);
    }

    @Test
    void unknownOrNullNameIsEmpty() {
        assertThat(registry.find("crd")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
    }

    @Test
    void kdDefaultsDependOnStandardization() {
        DistillationMethod kd = registry.find("kd").orElseThrow();
        assertThat(kd.defaults(true)).isEqualTo(new LossSettings(2.0, true, 0.1, 9.0));
        assertThat(kd.defaults(false)).isEqualTo(new LossSettings(4.0, false, 0.1, 0.9));
        assertThat(kd.parameters()).isEmpty();
    }

    @Test
    void ceDefaults() {
        DistillationMethod ce = registry.find("ce").orElseThrow();
        assertThat(ce.defaults(false)).isEqualTo(new LossSettings(4.0, false, 1.0, 0.0));
        assertThat(ce.defaults(true)).isEqualTo(new LossSettings(4.0, true, 1.0, 0.0));
        assertThat(ce.parameters()).isEmpty();
    }

    @Test
    void dkdDeclaresItsParametersAndFillsTheirDefaults() {
        DistillationMethod dkd = registry.find("dkd").orElseThrow();
        assertThat(dkd.parameters())
                .containsExactly(
                        new MethodParameter(
                                "alpha", 1.0, 0.0, 1000.0, false, DecoupledKnowledgeDistillation.ALPHA.description()),
                        new MethodParameter(
                                "beta", 8.0, 0.0, 1000.0, false, DecoupledKnowledgeDistillation.BETA.description()),
                        new MethodParameter(
                                "warmupEpochs",
                                20.0,
                                0.0,
                                1000.0,
                                true,
                                DecoupledKnowledgeDistillation.WARMUP_EPOCHS.description()));
        Map<String, Double> params = Map.of("alpha", 1.0, "beta", 8.0, "warmupEpochs", 20.0);
        assertThat(dkd.defaults(true)).isEqualTo(new LossSettings(4.0, true, 1.0, 1.0, params));
        assertThat(dkd.defaults(false)).isEqualTo(new LossSettings(4.0, false, 1.0, 1.0, params));
    }

    @Test
    void everyDeclaredParameterHasItsDefaultInTheDefaults() {
        for (DistillationMethod method : registry.methods()) {
            for (boolean zscore : new boolean[] {true, false}) {
                LossSettings defaults = method.defaults(zscore);
                assertThat(defaults.zscore()).isEqualTo(zscore);
                for (MethodParameter parameter : method.parameters()) {
                    assertThat(defaults.params()).containsEntry(parameter.name(), parameter.defaultValue());
                }
            }
        }
    }

    @Test
    void rejectsDuplicateNames() {
        assertThatThrownBy(() -> new MethodRegistry(List.of(new CrossEntropyMethod(), new CrossEntropyMethod())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
