/** Durable scheduling of experiments on PostgreSQL and the worker threads that run them. */
@ApplicationModule(
        allowedDependencies = {"experiments::lifecycle", "experiments::submission", "shared", "tracking", "training"})
package dev.distillery.queue;

import org.springframework.modulith.ApplicationModule;
