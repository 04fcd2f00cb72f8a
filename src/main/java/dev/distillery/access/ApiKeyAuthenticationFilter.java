package dev.distillery.access;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the key from {@code X-API-Key} or {@code Authorization: Bearer}. A request without a key
 * goes on anonymously (the authorization rules decide); a request with a wrong key is answered 401
 * here, so a typo never silently downgrades to anonymous access. The key is never logged or kept.
 */
final class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    static final String API_KEY_HEADER = "X-API-Key";
    private static final String BEARER = "Bearer ";

    private final ApiKeyDirectory directory;

    ApiKeyAuthenticationFilter(ApiKeyDirectory directory) {
        this.directory = directory;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String apiKey = request.getHeader(API_KEY_HEADER);
        String authorization = request.getHeader("Authorization");
        if (apiKey == null && authorization == null) {
            chain.doFilter(request, response);
            return;
        }
        if (count(request, API_KEY_HEADER) > 1 || count(request, "Authorization") > 1) {
            AccessProblems.unauthorized(response, "send one key, in one header");
            return;
        }
        if (authorization != null && !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            AccessProblems.unauthorized(
                    response, "only 'Authorization: Bearer <key>' or 'X-API-Key: <key>' is accepted");
            return;
        }
        String bearer = authorization == null
                ? null
                : authorization.substring(BEARER.length()).trim();
        if (apiKey != null && bearer != null && !apiKey.equals(bearer)) {
            AccessProblems.unauthorized(response, "X-API-Key and Authorization carry different keys");
            return;
        }
        Optional<ApiKeyHolder> caller = directory.find(apiKey != null ? apiKey : bearer);
        if (caller.isEmpty()) {
            AccessProblems.unauthorized(response, "the API key is not valid: unknown or revoked");
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(new ApiKeyAuthentication(caller.get()));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }

    private static int count(HttpServletRequest request, String header) {
        return java.util.Collections.list(request.getHeaders(header)).size();
    }
}
