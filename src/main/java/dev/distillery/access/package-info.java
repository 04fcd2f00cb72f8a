/** Who is calling and what they may do: API keys with roles (reader, submitter, admin), checked by Spring Security. */
@ApplicationModule(allowedDependencies = "shared")
package dev.distillery.access;

import org.springframework.modulith.ApplicationModule;
