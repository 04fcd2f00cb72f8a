package dev.distillery.shared.web;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.MediaType;

/**
 * Tomcat's own error answers as RFC 9457 {@code application/problem+json} instead of its HTML
 * page: the answers to requests the HTTP server refuses before Spring MVC sees them (a path with
 * bad percent-encoding, an illegal character in the request target, a request line or headers
 * over the size limit, an illegal header name), and any other error status that reaches the host
 * with nothing written.
 *
 * <p>The body is generic on purpose: it carries neither Tomcat's message, the request line (it may
 * hold secrets) nor a stack trace. Installed in place of the host's {@link ErrorReportValve} by
 * {@link TomcatProblemErrorPages}.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        // As ErrorReportValve: only an error status with nothing written, flagged by sendError and
        // not yet reported, and only while the connection still takes output.
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean();
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return;
        }
        byte[] body = ServerErrorProblem.of(status).json().getBytes(StandardCharsets.UTF_8);
        try {
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.setContentLength(body.length);
            write(response, body);
            response.finishResponse();
        } catch (IOException | IllegalStateException e) {
            // the client is gone or the response was committed meanwhile: nothing more to say
        }
    }

    private static void write(Response response, byte[] body) throws IOException {
        OutputStream out;
        try {
            out = response.getOutputStream();
        } catch (IllegalStateException usingWriter) {
            // the application took the writer before the error: the body is ASCII, any charset carries it
            PrintWriter writer = response.getReporter();
            if (writer != null) {
                writer.write(new String(body, StandardCharsets.US_ASCII));
                writer.flush();
            }
            return;
        }
        out.write(body);
        out.flush();
    }
}
