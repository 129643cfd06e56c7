package dev.warden.api.security;

import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import org.springframework.context.annotation.Configuration;

/** Swagger UI's "Authorize" button: paste a token from {@code ./warden token ROLE}. */
@Configuration(proxyBeanMethods = false)
@OpenAPIDefinition(
    info = @Info(title = "Warden API", version = "v1"),
    security = @SecurityRequirement(name = OpenApiSecurity.BEARER))
@SecurityScheme(
    name = OpenApiSecurity.BEARER,
    type = SecuritySchemeType.HTTP,
    scheme = "bearer",
    bearerFormat = "JWT",
    description = "An access token of the configured issuer (locally: ./warden token ROLE)")
class OpenApiSecurity {
  static final String BEARER = "bearer";
}
