/** The Experiment aggregate, its spec, submission, cancel and search, and their HTTP API. */
package dev.distillery.experiments;
