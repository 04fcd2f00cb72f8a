/** Distillation methods behind one interface, and logit standardization. */
package dev.distillery.methods;
