/** Per-epoch metrics records of experiments. */
@ApplicationModule(allowedDependencies = {"shared", "training"})
package dev.distillery.tracking;

import org.springframework.modulith.ApplicationModule;
