package dev.distillery.experiments;

import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/** Reads and writes the stored (resolved) spec as JSON. */
@Component
class SpecCodec {

    private final JsonMapper json;

    SpecCodec(JsonMapper json) {
        this.json = json;
    }

    String write(ExperimentSpec spec) {
        return json.writeValueAsString(spec);
    }

    ExperimentSpec read(String specJson) {
        return json.readValue(specJson, ExperimentSpec.class);
    }
}
