package dev.warden.api.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * How the API reads every request body: a JSON document means exactly one request or is refused. A
 * boolean member takes only {@code true}/{@code false}, a number member only a JSON number, a
 * string member only a JSON string ({@code ""} is not null, {@code 0} is not false, {@code "false"}
 * is not a boolean); {@code null} is never a value (leave the member out); a member named twice, an
 * unknown member or anything after the document is refused; text is checked by {@link Text}.
 * Jackson's defaults accept all of these, and {@code "dryRun": ""} once meant a real purge.
 *
 * <p>Only the API's HTTP message converter uses this configuration: the application's shared {@link
 * ObjectMapper} also reads Warden's own stored JSON (events, archives, cursors), which is not a
 * client's request.
 */
@Configuration(proxyBeanMethods = false)
public class StrictJson {

  /**
   * Spring MVC reads request bodies with the strict converter in place of Jackson's. Not a bean:
   * HTTP clients built by Spring Boot (and the tests' TestRestTemplate) keep the ordinary one,
   * since what Warden reads from other servers is not a client's request.
   */
  @Bean
  WebMvcConfigurer strictJsonRequests(ObjectMapper mapper) {
    MappingJackson2HttpMessageConverter strict = converter(mapper);
    return new WebMvcConfigurer() {
      @Override
      public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        converters.replaceAll(c -> c instanceof MappingJackson2HttpMessageConverter ? strict : c);
      }
    };
  }

  /** The API's request-body converter over a strict copy of {@code base}. */
  public static MappingJackson2HttpMessageConverter converter(ObjectMapper base) {
    return new StrictJsonConverter(strict(base));
  }

  /** A copy of {@code base} (same output settings and modules) that reads strictly. */
  public static ObjectMapper strict(ObjectMapper base) {
    ObjectMapper mapper = base.copy();
    mapper.getFactory().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.enable(
        DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES,
        DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
        DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
        DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
        DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY);
    mapper.disable(
        DeserializationFeature.ACCEPT_FLOAT_AS_INT,
        DeserializationFeature.ACCEPT_EMPTY_STRING_AS_NULL_OBJECT,
        DeserializationFeature.ACCEPT_EMPTY_ARRAY_AS_NULL_OBJECT,
        DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
        DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
    mapper.coercionConfigDefaults().setAcceptBlankAsEmpty(false);
    for (LogicalType type : LogicalType.values()) {
      var config = mapper.coercionConfigFor(type);
      for (CoercionInputShape shape : CoercionInputShape.values()) {
        if (!natural(type, shape)) {
          config.setCoercion(shape, CoercionAction.Fail);
        }
      }
    }
    mapper.registerModule(TextDeserializers.module());
    return mapper;
  }

  // The input shapes that are the type itself, not a conversion from another JSON type.
  private static boolean natural(LogicalType type, CoercionInputShape shape) {
    return switch (type) {
      case Boolean -> shape == CoercionInputShape.Boolean;
      case Integer -> shape == CoercionInputShape.Integer;
      case Float -> shape == CoercionInputShape.Integer || shape == CoercionInputShape.Float;
      case Textual, Enum, DateTime, OtherScalar -> shape == CoercionInputShape.String;
      case Array, Collection -> shape == CoercionInputShape.Array;
      case Map, POJO -> shape == CoercionInputShape.Object;
      case Untyped -> true; // free-form members take any JSON value
      default -> false;
    };
  }
}
