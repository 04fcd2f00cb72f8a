/** Comparing runs side by side. */
package dev.distillery.comparison;
