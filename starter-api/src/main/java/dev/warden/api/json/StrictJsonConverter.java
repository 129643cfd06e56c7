package dev.warden.api.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Type;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpInputMessage;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;

/**
 * Reads a request body in two passes: one over its tokens that refuses what a typed read cannot see
 * ({@code null} anywhere — Jackson treats an explicit null like an absent member, so {@code
 * "dryRun": null} would mean a real purge — a member named twice, anything after the document),
 * then the typed read with {@link StrictJson}'s rules. Bodies are bounded (BodySizeLimit), so
 * reading one twice costs microseconds.
 */
final class StrictJsonConverter extends MappingJackson2HttpMessageConverter {

  StrictJsonConverter(ObjectMapper strict) {
    super(strict);
  }

  @Override
  public Object read(Type type, Class<?> contextClass, HttpInputMessage input) throws IOException {
    return super.read(type, contextClass, checked(input));
  }

  @Override
  protected Object readInternal(Class<?> clazz, HttpInputMessage input) throws IOException {
    return super.readInternal(clazz, checked(input));
  }

  private HttpInputMessage checked(HttpInputMessage input) throws IOException {
    byte[] body = input.getBody().readAllBytes();
    try (JsonParser parser = getObjectMapper().createParser(body)) {
      int depth = 0;
      for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
        if (token == JsonToken.VALUE_NULL) {
          throw new NullMemberException(parser);
        }
        depth += token.isStructStart() ? 1 : token.isStructEnd() ? -1 : 0;
        if (depth == 0) {
          break; // the document is read; the typed read refuses anything after it
        }
      }
    } catch (JsonProcessingException e) {
      throw new HttpMessageNotReadableException(
          "JSON parse error: " + e.getOriginalMessage(), e, input);
    }
    return new Buffered(input.getHeaders(), body);
  }

  private record Buffered(HttpHeaders headers, byte[] body) implements HttpInputMessage {
    @Override
    public InputStream getBody() {
      return new ByteArrayInputStream(body);
    }

    @Override
    public HttpHeaders getHeaders() {
      return headers;
    }
  }
}
