package dev.distillery.methods;

/**
 * Training settings a method's reference configuration sets apart from the general recipe (SGD 0.05, 240 epochs,
 * decay at 150/180/210, weight decay 5e-4, batch 64); a null field keeps the general value. A spec's own values
 * always win.
 *
 * @param epochs       number of epochs
 * @param learningRate initial learning rate
 * @param augment      whether training images are augmented (random crop and flip)
 */
public record MethodRecipe(Integer epochs, Double learningRate, Boolean augment) {

    /** Nothing apart from the general recipe. */
    public static final MethodRecipe GENERAL = new MethodRecipe(null, null, null);
}
