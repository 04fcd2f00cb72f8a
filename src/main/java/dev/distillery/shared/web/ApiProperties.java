package dev.distillery.shared.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the HTTP API.
 *
 * @param maxBodyBytes largest accepted request body; larger ones get 413
 * @param maxPageSize largest page a search may ask for
 * @param readTimeout longest wait for the next bytes of a request's headers or body, and for the first request of a
 *     new connection (a kept-alive one may idle 20 s, or this if longer); a client that pauses longer is disconnected
 * @param requestReceiveTimeout longest time to receive a request's headers, and again its body, however steadily
 *     the bytes trickle in: a slow client is disconnected (headers) or answered 408 (body)
 */
@ConfigurationProperties("distillery.api")
public record ApiProperties(
        @DefaultValue("1048576") long maxBodyBytes,
        @DefaultValue("200") int maxPageSize,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("30s") Duration requestReceiveTimeout) {}
