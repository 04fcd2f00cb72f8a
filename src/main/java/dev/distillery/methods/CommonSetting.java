package dev.distillery.methods;

/** The settings every spec carries besides a method's own parameters, with their names in a spec. */
public enum CommonSetting {
    TEMPERATURE("temperature"),
    ZSCORE("zscore"),
    CE_WEIGHT("lossWeights.ce"),
    KD_WEIGHT("lossWeights.kd");

    private final String field;

    CommonSetting(String field) {
        this.field = field;
    }

    /** The spec field, e.g. {@code lossWeights.kd}. */
    public String field() {
        return field;
    }
}
