/** DJL training: datasets, architectures, the epoch loop and evaluation. */
package dev.distillery.training;
