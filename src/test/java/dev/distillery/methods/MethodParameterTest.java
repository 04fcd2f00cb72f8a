package dev.distillery.methods;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class MethodParameterTest {

    private final MethodParameter warmup = MethodParameter.whole("warmupEpochs", 20, 0, 1000, "ramp");
    private final MethodParameter beta = MethodParameter.real("beta", 8.0, 0.0, 1000.0, "weight");

    @Test
    void missingValueTakesTheDefault() {
        assertThat(beta.valueIn(new LossSettings(4.0, false, 1.0, 1.0))).isEqualTo(8.0);
        assertThat(beta.valueIn(new LossSettings(4.0, false, 1.0, 1.0, Map.of("beta", 2.5))))
                .isEqualTo(2.5);
    }

    @Test
    void explainsWhyAValueIsRejected() {
        assertThat(beta.violation(0.0)).isEmpty();
        assertThat(beta.violation(1000.0)).isEmpty();
        assertThat(beta.violation(1000.5)).contains("must be between 0 and 1000");
        assertThat(beta.violation(-0.1)).contains("must be between 0 and 1000");
        assertThat(beta.violation(Double.NaN)).contains("must be a finite number");
        assertThat(beta.violation(Double.POSITIVE_INFINITY)).contains("must be a finite number");
        assertThat(warmup.violation(3.0)).isEmpty();
        assertThat(warmup.violation(3.5)).contains("must be a whole number");
    }

    @Test
    void valueOutsideTheBoundsIsAnError() {
        LossSettings settings = new LossSettings(4.0, false, 1.0, 1.0, Map.of("warmupEpochs", 2.5));
        assertThatThrownBy(() -> warmup.valueIn(settings))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("warmupEpochs must be a whole number");
    }

    @Test
    void declarationsMustBeConsistent() {
        assertThatThrownBy(() -> MethodParameter.real("x", 5.0, 0.0, 1.0, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MethodParameter.real("x", 0.5, 1.0, 0.0, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MethodParameter("x", 1.5, 0.0, 2.0, true, ""))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MethodParameter.real(" ", 0.0, 0.0, 1.0, ""))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
