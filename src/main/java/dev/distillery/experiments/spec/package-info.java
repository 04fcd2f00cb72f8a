/** What an experiment spec is: its records, defaults and rules, its stored JSON and the training plan it becomes. */
package dev.distillery.experiments.spec;
