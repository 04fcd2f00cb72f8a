package dev.distillery.methods;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MethodRegistryTest {

    private final MethodRegistry registry = new MethodRegistry();

    @Test
    void listsBuiltInMethodsByName() {
        assertThat(registry.names()).containsExactly("ce", "kd");
        assertThat(registry.find("kd")).get().extracting(DistillationMethod::needsTeacher).isEqualTo(true);
        assertThat(registry.find("ce")).get().extracting(DistillationMethod::needsTeacher).isEqualTo(false);
    }

    @Test
    void unknownOrNullNameIsEmpty() {
        assertThat(registry.find("dkd")).isEmpty();
        assertThat(registry.find(null)).isEmpty();
    }

    @Test
    void kdDefaultsAreThePapersReferenceSettings() {
        assertThat(registry.find("kd").orElseThrow().defaults()).isEqualTo(new LossSettings(2.0, true, 0.1, 9.0));
    }

    @Test
    void rejectsDuplicateNames() {
        assertThatThrownBy(() -> new MethodRegistry(List.of(new CrossEntropyMethod(), new CrossEntropyMethod())))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
