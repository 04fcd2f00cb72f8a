/** What a spec may name (methods, architectures, datasets) and the catalog the API lists. */
package dev.distillery.experiments.catalog;
