/** Cross-cutting pieces: configuration, embedded database, problem-details errors. */
@ApplicationModule(allowedDependencies = {})
package dev.distillery.shared;

import org.springframework.modulith.ApplicationModule;
