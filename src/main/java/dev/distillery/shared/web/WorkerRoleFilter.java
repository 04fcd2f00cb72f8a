package dev.distillery.shared.web;

import dev.distillery.shared.DistilleryProperties;
import dev.distillery.shared.ProblemResponses;
import dev.distillery.shared.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/** A worker-role instance serves no public API: only health and metrics under /actuator. */
@Component
class WorkerRoleFilter extends OncePerRequestFilter {

    private final boolean servesApi;

    WorkerRoleFilter(DistilleryProperties properties) {
        this.servesApi = properties.role().servesApi();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return servesApi || request.getRequestURI().startsWith("/actuator");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ProblemResponses.write(
                response,
                HttpServletResponse.SC_NOT_FOUND,
                ProblemTypes.NOT_FOUND,
                "Not found",
                "this instance runs with distillery.role=worker and serves no API");
    }
}
