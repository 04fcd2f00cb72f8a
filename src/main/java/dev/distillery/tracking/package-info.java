/** Per-epoch metrics records of experiments. */
package dev.distillery.tracking;
