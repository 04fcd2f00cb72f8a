package dev.distillery.experiments.spec;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes the stored (resolved) spec as JSON. */
@Component
public class SpecCodec {

    private final JsonMapper json;

    SpecCodec(JsonMapper json) {
        this.json = json;
    }

    public String write(ExperimentSpec spec) {
        return json.writeValueAsString(spec);
    }

    public ExperimentSpec read(String specJson) {
        return json.readValue(specJson, ExperimentSpec.class);
    }
}
