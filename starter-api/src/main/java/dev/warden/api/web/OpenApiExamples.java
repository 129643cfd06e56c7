package dev.warden.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;

/**
 * Example bodies in the OpenAPI document ({@code /v3/api-docs}, checked in as docs/openapi.json)
 * for the two answers a newcomer reads first: the purge view and the receipt.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiExamples {

  @Bean
  OpenApiCustomizer purgeExamples() {
    return api -> {
      example(api.getPaths().get("/v1/purges/{purgeId}"), "openapi/purge-view.example.json");
      example(api.getPaths().get("/v1/purges/{purgeId}/receipt"), "openapi/receipt.example.json");
    };
  }

  private static void example(PathItem path, String resource) {
    if (path == null || path.getGet() == null) {
      return;
    }
    Operation get = path.getGet();
    ApiResponse ok = get.getResponses() == null ? null : get.getResponses().get("200");
    if (ok == null || ok.getContent() == null) {
      return;
    }
    Object value = read(resource);
    for (MediaType media : ok.getContent().values()) {
      media.addExamples("example", new Example().value(value));
    }
  }

  private static Object read(String resource) {
    try (InputStream in = new ClassPathResource(resource).getInputStream()) {
      return new ObjectMapper().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
