/** NDArrays in memory that LibTorch owns: constants and copies of Java data, safe however long LibTorch keeps them. */
@ApplicationModule(allowedDependencies = {})
package dev.distillery.tensors;

import org.springframework.modulith.ApplicationModule;
