package dev.distillery.shared.web;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Slow clients cannot hold connections or threads: each read of a request waits at most
 * {@code distillery.api.read-timeout}, its headers must arrive within {@code request-receive-timeout}
 * ({@link GuardedNioProtocol}) and so must its body ({@link BodySizeLimitFilter}).
 */
@Component
class ServerTimeouts implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final ApiProperties properties;

    ServerTimeouts(ApiProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.setProtocol(GuardedNioProtocol.class.getName());
        factory.addConnectorCustomizers(connector -> {
            int read = (int) properties.readTimeout().toMillis();
            connector.setProperty("connectionTimeout", Integer.toString(read));
            connector.setProperty("keepAliveTimeout", Integer.toString(Math.max(read, 20_000)));
            connector.setProperty(
                    "headerTimeoutMillis",
                    Long.toString(properties.requestReceiveTimeout().toMillis()));
        });
    }
}
