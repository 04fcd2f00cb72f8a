package dev.distillery.shared;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes an RFC 9457 problem body straight to a servlet response, for filters that answer before
 * Spring MVC (and its exception handler) is reached.
 */
public final class ProblemResponses {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemResponses() {}

    public static void write(HttpServletResponse response, int status, URI type, String title, String detail)
            throws IOException {
        write(response, status, type, title, detail, Map.of());
    }

    /** With extra members, e.g. {@code errors}. */
    public static void write(
            HttpServletResponse response, int status, URI type, String title, String detail, Map<String, Object> extra)
            throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.toString());
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.putAll(extra);
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }
}
