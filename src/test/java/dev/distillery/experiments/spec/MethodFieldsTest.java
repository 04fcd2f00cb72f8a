package dev.distillery.experiments.spec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.experiments.spec.ExperimentSpec.LossWeights;
import dev.distillery.methods.MethodRegistry;
import dev.distillery.shared.FieldViolation;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A field the method ignores is refused, naming the field and the method (issue #11): the table is what each
 * method's loss reads, written down from the formulas in docs/design.md, not from the code.
 */
class MethodFieldsTest {

    private static final MethodRegistry METHODS = new MethodRegistry();

    @ParameterizedTest(name = "{0} {1}: refused {2}")
    @CsvSource({
        "ce,   temperature,    true",
        "ce,   zscore,         true",
        "ce,   lossWeights.ce, true",
        "ce,   lossWeights.kd, true",
        "kd,   temperature,    false",
        "kd,   zscore,         false",
        "kd,   lossWeights.ce, false",
        "kd,   lossWeights.kd, false",
        "dkd,  temperature,    false",
        "dkd,  zscore,         false",
        "dkd,  lossWeights.ce, false",
        "dkd,  lossWeights.kd, true",
        "ctkd, temperature,    true",
        "ctkd, zscore,         false",
        "ctkd, lossWeights.ce, false",
        "ctkd, lossWeights.kd, false",
        "mlkd, temperature,    false",
        "mlkd, zscore,         false",
        "mlkd, lossWeights.ce, false",
        "mlkd, lossWeights.kd, false"
    })
    void aSettingTheMethodDoesNotReadIsRefusedNamingFieldAndMethod(String method, String field, boolean refused) {
        Specs spec = Specs.of(method, "resnet8x4", "cifar100");
        switch (field) {
            case "temperature" -> spec.temperature(3.0);
            case "zscore" -> spec.zscore(false);
            case "lossWeights.ce" -> spec.lossWeights(new LossWeights(0.5, null));
            default -> spec.lossWeights(new LossWeights(null, 0.5));
        }

        List<FieldViolation> violations =
                MethodFields.inapplicable(spec.build(), METHODS.find(method).orElseThrow());

        if (refused) {
            assertThat(violations).singleElement().satisfies(v -> {
                assertThat(v.field()).isEqualTo(field);
                assertThat(v.message()).contains("'" + method + "'", field);
            });
        } else {
            assertThat(violations).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} augment false: refused {1}")
    @CsvSource({"mlkd, true", "kd, false", "ctkd, false", "ce, false"})
    void onlyMlkdNeedsAugmentedViews(String method, boolean refused) {
        ExperimentSpec spec = Specs.of(method, "resnet8x4", "cifar100")
                .training(new TrainingSpec(null, null, null, null, null, null, null, null, false, null))
                .build();

        assertThat(MethodFields.inapplicable(spec, METHODS.find(method).orElseThrow()))
                .extracting(FieldViolation::field)
                .containsExactlyElementsOf(refused ? List.of("training.augment") : List.of());
    }
}
