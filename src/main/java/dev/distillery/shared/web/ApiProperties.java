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
 * @param maxPredictionBodyBytes largest body of {@code POST /api/v1/predictions} (256 CIFAR images as JSON numbers)
 */
@ConfigurationProperties("distillery.api")
public record ApiProperties(
        @DefaultValue("1048576") long maxBodyBytes,
        @DefaultValue("200") int maxPageSize,
        @DefaultValue("5s") Duration readTimeout,
        @DefaultValue("30s") Duration requestReceiveTimeout,
        @DefaultValue("33554432") long maxPredictionBodyBytes) {

    /**
     * The body limit of a request to {@code path} with {@code method}. Model uploads (multipart) have none here:
     * their file streams to disk within {@code distillery.models.max-file-bytes}, enforced while it streams.
     */
    public long bodyLimit(String method, String path) {
        if (!"POST".equals(method)) {
            return maxBodyBytes;
        }
        return switch (path) {
            case "/api/v1/predictions" -> maxPredictionBodyBytes;
            case "/api/v1/models" -> Long.MAX_VALUE;
            default -> maxBodyBytes;
        };
    }
}
