package dev.distillery.access;

import dev.distillery.shared.ProblemResponses;
import dev.distillery.shared.ProblemTypes;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.AuthorizeHttpRequestsConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;

/**
 * Who may call what. Off by default (everything open, announced loudly at startup); on, every write
 * needs a key, reads need at least {@code reader} unless {@code public-read}, checkpoint downloads
 * always need {@code reader}, key management needs {@code admin}. Health, the API docs and the
 * dashboard's static files stay open.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain apiSecurity(HttpSecurity http, AccessProperties properties, ApiKeyDirectory directory)
            throws Exception {
        http.csrf(AbstractHttpConfigurer::disable)
                .httpBasic(AbstractHttpConfigurer::disable)
                .formLogin(AbstractHttpConfigurer::disable)
                .logout(AbstractHttpConfigurer::disable)
                .requestCache(AbstractHttpConfigurer::disable)
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        if (!properties.enabled()) {
            warnOpen();
            return http.authorizeHttpRequests(rules -> rules.anyRequest().permitAll())
                    .build();
        }
        announce(properties, directory);
        return http.addFilterBefore(new ApiKeyAuthenticationFilter(directory), AnonymousAuthenticationFilter.class)
                .exceptionHandling(errors -> errors.authenticationEntryPoint(AccessProblems::missingKey)
                        .accessDeniedHandler(AccessProblems::forbidden))
                .authorizeHttpRequests(rules -> rules(rules, properties.publicRead()))
                .build();
    }

    /** URLs Spring Security's firewall refuses (encoded CR/LF, "..", ";" and the like) get a problem body too. */
    @Bean
    RequestRejectedHandler rejectedAsProblem() {
        return (request, response, rejected) -> ProblemResponses.write(
                response,
                HttpServletResponse.SC_BAD_REQUEST,
                ProblemTypes.REJECTED_REQUEST,
                "Rejected request",
                "the request URL contains characters or sequences "
                        + "this service refuses (encoded line breaks, '..', ';', '//' or the like)");
    }

    private static void rules(
            AuthorizeHttpRequestsConfigurer<HttpSecurity>.AuthorizationManagerRequestMatcherRegistry rules,
            boolean publicRead) {
        rules.dispatcherTypeMatchers(DispatcherType.ASYNC, DispatcherType.ERROR)
                .permitAll()
                .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info")
                .permitAll()
                .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                .permitAll()
                // the dashboard's static files: public code, no data; its API calls carry the key
                .requestMatchers(HttpMethod.GET, "/", "/index.html", "/dashboard/**", "/webjars/**", "/favicon.ico")
                .permitAll()
                .requestMatchers("/api/v1/admin/**")
                .hasRole(ApiRole.ADMIN.name())
                .requestMatchers(HttpMethod.GET, "/api/v1/experiments/*/checkpoints/*")
                .hasRole(ApiRole.READER.name())
                .requestMatchers(HttpMethod.HEAD, "/api/v1/experiments/*/checkpoints/*")
                .hasRole(ApiRole.READER.name())
                .requestMatchers(HttpMethod.GET, "/api/v1/models/*/file")
                .hasRole(ApiRole.READER.name())
                .requestMatchers(HttpMethod.POST, "/api/v1/models")
                .hasRole(ApiRole.SUBMITTER.name())
                .requestMatchers(HttpMethod.DELETE, "/api/v1/models/*")
                .hasRole(ApiRole.SUBMITTER.name())
                .requestMatchers(
                        HttpMethod.POST, "/api/v1/experiments", "/api/v1/sweeps", "/api/v1/experiments/*/cancel")
                .hasRole(ApiRole.SUBMITTER.name());
        var paths = PathPatternRequestMatcher.withDefaults();
        var reads = rules.requestMatchers(new OrRequestMatcher(
                paths.matcher(HttpMethod.GET, "/api/**"),
                paths.matcher(HttpMethod.HEAD, "/api/**"),
                paths.matcher(HttpMethod.GET, "/actuator/prometheus"),
                paths.matcher(HttpMethod.POST, "/api/v1/analysis/**"),
                paths.matcher(HttpMethod.POST, "/api/v1/predictions")));
        if (publicRead) {
            reads.permitAll();
        } else {
            reads.hasRole(ApiRole.READER.name());
        }
        // secure by default: an endpoint without a rule above (a new one, another method) is for admins
        rules.anyRequest().hasRole(ApiRole.ADMIN.name());
    }

    private static void warnOpen() {
        log.warn(
                """

                ************************************************************************
                * SECURITY IS OFF (distillery.security.enabled=false): anyone who can  *
                * reach this service can submit, cancel and download. Fine on a laptop; *
                * on a shared machine set distillery.security.enabled=true and keys.    *
                ************************************************************************""");
    }

    private static void announce(AccessProperties properties, ApiKeyDirectory directory) {
        int configured = directory.configured().callers().size();
        log.info(
                "API-key security is on: {} configured key(s), public read {}",
                configured,
                properties.publicRead() ? "ON (GETs need no key)" : "off");
        if (configured == 0) {
            log.warn("Security is on but distillery.security.keys is empty: only keys created earlier through "
                    + "/api/v1/admin/keys will be accepted");
        }
    }
}
