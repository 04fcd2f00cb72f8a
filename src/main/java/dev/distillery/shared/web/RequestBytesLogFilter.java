package dev.distillery.shared.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import org.springframework.stereotype.Component;

/**
 * Keeps what a client sent out of the log at every level, so an API key in a header line Tomcat rejects (e.g.
 * {@code X-API-Key: <key>\x01}) is never written. Tomcat's HTTP/1.1 parser logs the raw bytes it received (DEBUG) and
 * the rejected line inside the exception it reports (INFO for the first, DEBUG after); such events, from Tomcat's
 * connector loggers below WARN, are dropped whatever level an operator sets. Installed on Logback's context when the
 * application starts (Spring Boot's logging set-up, which runs earlier, would otherwise clear it).
 */
@Component
class RequestBytesLogFilter extends TurboFilter {

    private static final String INPUT_BUFFER = "org.apache.coyote.http11.Http11InputBuffer";

    RequestBytesLogFilter() {
        setName(RequestBytesLogFilter.class.getName());
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                && context.getTurboFilterList().stream()
                        .noneMatch(f -> getName().equals(f.getName()))) {
            start();
            context.addTurboFilter(this);
        }
    }

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level == null || level.isGreaterOrEqual(Level.WARN) || !connector(logger.getName())) {
            return FilterReply.NEUTRAL;
        }
        return logger.getName().equals(INPUT_BUFFER) || t != null ? FilterReply.DENY : FilterReply.NEUTRAL;
    }

    private static boolean connector(String name) {
        return name.startsWith("org.apache.coyote") || name.startsWith("org.apache.tomcat.util.http");
    }
}
