/**
 * Stateless logit tools: KL divergence with and without standardization, and the loss terms of any registered method
 * on given logits. Depends on {@code methods} (the one implementation of standardization, KL and every loss),
 * {@code tensors} (owned arrays) and {@code shared} (errors) only; {@code AnalysisModuleTest} checks it.
 */
package dev.distillery.analysis;
