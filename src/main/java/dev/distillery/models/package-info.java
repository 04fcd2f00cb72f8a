/**
 * The model registry: teachers imported from PyTorch (safetensors state dicts under mdistiller's names, TorchScript
 * modules), their files under {@code distillery.models.dir} with SHA-256s checked before every use.
 */
@ApplicationModule(allowedDependencies = {"shared", "training"})
package dev.distillery.models;

import org.springframework.modulith.ApplicationModule;
