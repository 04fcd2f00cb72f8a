/** The Experiment aggregate: its state machine, what a worker does to it, cancel, and reads as ExperimentSummary. */
@ApplicationModule(allowedDependencies = {"methods", "models", "shared", "tracking", "training"})
package dev.distillery.experiments;

import org.springframework.modulith.ApplicationModule;
