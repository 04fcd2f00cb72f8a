/** Stateless logit tools such as KL divergence with and without standardization. */
package dev.distillery.analysis;
