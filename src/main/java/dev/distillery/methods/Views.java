package dev.distillery.methods;

/** The input views of each training image that a method trains on. */
public enum Views {
    /** The batch as the plan augments it (one view). */
    PLAIN,
    /**
     * Two views of every image: the weak one (random crop with padding and a horizontal flip) and a strong one (the
     * weak view, then RandAugment and a cutout). Teacher logits are computed on both views every step.
     */
    WEAK_AND_STRONG
}
