/**
 * The datasets the service can train on, as an API: built-in and registered ones with their state, registering a
 * server-side path, uploading an image folder archive (streamed, unpacked safely), unregistering.
 */
@ApplicationModule(allowedDependencies = {"training", "shared", "experiments::queries"})
package dev.distillery.datasets;

import org.springframework.modulith.ApplicationModule;
