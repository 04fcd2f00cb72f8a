/** Who is calling and what they may do: API keys with roles (reader, submitter, admin), checked by Spring Security. */
package dev.distillery.access;
