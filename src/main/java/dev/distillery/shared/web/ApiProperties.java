package dev.distillery.shared.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the HTTP API.
 *
 * @param maxBodyBytes largest accepted request body; larger ones get 413
 * @param maxPageSize largest page a search may ask for
 */
@ConfigurationProperties("distillery.api")
public record ApiProperties(@DefaultValue("1048576") long maxBodyBytes, @DefaultValue("200") int maxPageSize) {}
