package dev.distillery.models;

/** The two forms a model is imported in. */
public enum ModelFormat {
    /** A state dict of a zoo architecture under mdistiller's names. */
    SAFETENSORS("model.safetensors"),
    /** A TorchScript module ({@code torch.jit.save}), a black box. */
    TORCHSCRIPT("model.pt");

    private final String fileName;

    ModelFormat(String fileName) {
        this.fileName = fileName;
    }

    /** The uploaded file's name inside the model's directory. */
    public String fileName() {
        return fileName;
    }

    /** The format named {@code name} (case-insensitive), or null. */
    public static ModelFormat parse(String name) {
        for (ModelFormat format : values()) {
            if (format.name().equalsIgnoreCase(name)) {
                return format;
            }
        }
        return null;
    }
}
