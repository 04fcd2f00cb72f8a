/** Cross-cutting pieces: configuration, embedded database, problem-details errors. */
package dev.distillery.shared;
