/** Comparing runs side by side. */
@ApplicationModule(
        allowedDependencies = {
            "experiments::queries",
            "experiments::spec",
            "experiments::submission",
            "experiments::groups",
            "shared"
        })
package dev.distillery.comparison;

import org.springframework.modulith.ApplicationModule;
