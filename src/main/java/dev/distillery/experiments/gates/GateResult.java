package dev.distillery.experiments.gates;

import java.util.List;

/** The verdict of a spec's gates: PASSED or FAILED, with a reason per failed gate. */
public record GateResult(String status, List<String> reasons) {

    public static final String PASSED = "PASSED";
    public static final String FAILED = "FAILED";

    static GateResult of(List<String> failures) {
        return new GateResult(failures.isEmpty() ? PASSED : FAILED, List.copyOf(failures));
    }
}
