package dev.distillery.shared.web;

import org.apache.catalina.Container;
import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/**
 * Replaces the embedded Tomcat host's HTML {@link ErrorReportValve} with
 * {@link ProblemErrorReportValve}, so that the requests Tomcat rejects itself are answered with
 * problem+json too.
 *
 * <p>Ordered last, so that its context customizer runs after Spring Boot's (which, with
 * {@code server.error.include-stacktrace=never}, adds a plain {@code ErrorReportValve} to the
 * host); naming the valve class on the host keeps the host from adding its default one at start.
 */
@Component
class TomcatProblemErrorPages implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        factory.addContextCustomizers(context -> install(context.getParent()));
    }

    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    static void install(Container host) {
        if (host == null) {
            return;
        }
        Pipeline pipeline = host.getPipeline();
        boolean installed = false;
        for (Valve valve : pipeline.getValves()) {
            if (valve instanceof ProblemErrorReportValve) {
                installed = true;
            } else if (valve instanceof ErrorReportValve) {
                pipeline.removeValve(valve);
            }
        }
        if (!installed) {
            pipeline.addValve(new ProblemErrorReportValve());
        }
        if (host instanceof StandardHost standardHost) {
            standardHost.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
        }
    }
}
