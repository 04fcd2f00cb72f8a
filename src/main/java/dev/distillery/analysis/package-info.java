/**
 * Stateless logit tools such as KL divergence with and without standardization. Depends on {@code methods} (the one
 * implementation of logit standardization and KL) and {@code shared} only; {@code AnalysisModuleTest} checks it.
 */
package dev.distillery.analysis;
