/** The Experiment aggregate: its state machine, what a worker does to it, cancel, and reads as ExperimentSummary. */
package dev.distillery.experiments;
