/** DJL training: datasets, architectures, the epoch loop and evaluation. */
@ApplicationModule(allowedDependencies = {"methods", "shared", "tensors"})
package dev.distillery.training;

import org.springframework.modulith.ApplicationModule;
