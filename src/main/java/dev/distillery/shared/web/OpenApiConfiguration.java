package dev.distillery.shared.web;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The API's OpenAPI header (a relative server URL keeps the spec the same on every host and port)
 * and the problem answers every operation may give, documented once rather than per endpoint.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final String BEARER = "bearerKey";
    private static final String API_KEY = "apiKeyHeader";

    @Bean
    OpenAPI distilleryOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("Distillery API")
                        .version("v1")
                        .description("Knowledge-distillation experiments as a service: submit a spec, follow its "
                                + "training, read its per-epoch metrics. Errors are application/problem+json."))
                .servers(List.of(new Server().url("/").description("this service")))
                .components(new Components()
                        .addSecuritySchemes(
                                BEARER,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.HTTP)
                                        .scheme("bearer")
                                        .description("an API key as 'Authorization: Bearer <key>'"))
                        .addSecuritySchemes(
                                API_KEY,
                                new SecurityScheme()
                                        .type(SecurityScheme.Type.APIKEY)
                                        .in(SecurityScheme.In.HEADER)
                                        .name("X-API-Key")
                                        .description("an API key as 'X-API-Key: <key>'")))
                .security(
                        List.of(new SecurityRequirement().addList(BEARER), new SecurityRequirement().addList(API_KEY)));
    }

    @Bean
    OpenApiCustomizer problemResponses() {
        return openApi -> {
            ModelConverters.getInstance().readAll(ProblemView.class).forEach(openApi.getComponents()::addSchemas);
            openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                    .forEach((method, operation) -> documentProblems(path, method, operation)));
        };
    }

    private static void documentProblems(String path, PathItem.HttpMethod method, Operation operation) {
        addProblem(operation, "400", "Invalid request: errors[] names each bad field");
        addProblem(operation, "401", "No API key, or not a valid one (only when distillery.security.enabled)");
        addProblem(operation, "403", "The API key's roles do not allow this (only when distillery.security.enabled)");
        if (path.contains("{")) {
            addProblem(operation, "404", "No such resource");
        }
        if (path.endsWith("/cancel")) {
            addProblem(operation, "409", "The experiment already finished");
        }
        if (method == PathItem.HttpMethod.POST
                && (path.equals("/api/v1/experiments") || path.equals("/api/v1/sweeps"))) {
            addProblem(operation, "429", "Too many queued experiments, overall or for this key; see Retry-After");
        }
        if (method == PathItem.HttpMethod.POST && operation.getRequestBody() != null) {
            addProblem(operation, "413", "Request body over the size limit");
        }
    }

    private static void addProblem(Operation operation, String status, String description) {
        Schema<?> schema = new Schema<>().$ref("#/components/schemas/" + ProblemView.class.getSimpleName());
        Content content = new Content()
                .addMediaType(
                        org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                        new MediaType().schema(schema));
        operation
                .getResponses()
                .putIfAbsent(status, new ApiResponse().description(description).content(content));
    }
}
