package dev.distillery.shared.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.servers.Server;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The API's OpenAPI header; a relative server URL keeps the spec the same on every host and port. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI distilleryOpenApi() {
        return new OpenAPI()
                .info(new Info().title("Distillery API").version("v1")
                        .description("Knowledge-distillation experiments as a service: submit a spec, follow its "
                                + "training, read its per-epoch metrics. Errors are application/problem+json."))
                .servers(List.of(new Server().url("/").description("this service")));
    }
}
