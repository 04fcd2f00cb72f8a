package dev.distillery.experiments;

import dev.distillery.experiments.gates.GateResult;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.util.List;

/** A {@link GateResult} as the experiment row stores it: the status, and the reasons one per line. */
@Embeddable
class GateVerdict {

    @Column(name = "gate")
    private String status;

    @Column(name = "gate_reasons")
    private String reasons;

    protected GateVerdict() {}

    /** Null for no verdict (the spec has no gates). */
    static GateVerdict of(GateResult result) {
        if (result == null) {
            return null;
        }
        GateVerdict verdict = new GateVerdict();
        verdict.status = result.status();
        verdict.reasons = String.join("\n", result.reasons());
        return verdict;
    }

    GateResult result() {
        return new GateResult(status, reasons == null || reasons.isEmpty() ? List.of() : List.of(reasons.split("\n")));
    }
}
