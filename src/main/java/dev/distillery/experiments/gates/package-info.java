/** Gates on a run's result: the spec's expectations, evaluated when the run ends. */
package dev.distillery.experiments.gates;
