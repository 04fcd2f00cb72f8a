/** NDArrays in memory that LibTorch owns: constants and copies of Java data, safe however long LibTorch keeps them. */
package dev.distillery.tensors;
