/** Logits and top-5 classes of a trained student or an imported model for given inputs, on the CPU. */
@ApplicationModule(allowedDependencies = {"experiments::queries", "models", "shared", "training"})
package dev.distillery.predictions;

import org.springframework.modulith.ApplicationModule;
