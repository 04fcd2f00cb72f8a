package dev.distillery.shared.web;

import dev.distillery.shared.FieldViolation;
import dev.distillery.shared.ProblemResponses;
import dev.distillery.shared.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Query parameters that cannot be decoded (percent-encoding that is not UTF-8) or that hold a NUL
 * character are refused with a 400 problem before any controller or database sees them.
 */
@Component
class QueryParameterFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        List<String[]> parameters;
        try {
            parameters = parameters(request);
        } catch (RuntimeException undecodable) {
            reject(response, "query", "the query string is not valid UTF-8 percent-encoding");
            return;
        }
        for (String[] parameter : parameters) {
            if (parameter[0].indexOf('\0') >= 0 || parameter[1].indexOf('\0') >= 0) {
                reject(response, parameter[0].replace("\0", ""), "NUL characters are not accepted");
                return;
            }
        }
        chain.doFilter(request, response);
    }

    /**
     * Every name-value pair of the request's parameters; of a multipart request only those of the query string, since
     * the container would otherwise parse the parts here, outside the upload limit's handling.
     */
    private static List<String[]> parameters(HttpServletRequest request) {
        String type = request.getContentType();
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return QueryStrings.decode(request.getQueryString());
        }
        List<String[]> pairs = new ArrayList<>();
        request.getParameterMap().forEach((name, values) -> {
            for (String value : values) {
                pairs.add(new String[] {name, value});
            }
        });
        return pairs;
    }

    private static void reject(HttpServletResponse response, String field, String reason) throws IOException {
        String safeField = field.replaceAll("[^A-Za-z0-9_.\\-]", "?");
        ProblemResponses.write(
                response,
                HttpServletResponse.SC_BAD_REQUEST,
                ProblemTypes.INVALID_REQUEST,
                "Invalid request",
                safeField + ": " + reason,
                Map.of("errors", List.of(new FieldViolation(safeField, reason))));
    }
}
