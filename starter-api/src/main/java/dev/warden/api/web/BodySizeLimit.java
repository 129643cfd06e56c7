package dev.warden.api.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.problem.ProblemTypes;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body above {@code WARDEN_API_MAX_BODY} (64 KiB) at once with 413 problem+json:
 * by its Content-Length before anything reads it, or, for a chunked body, as soon as reading passes
 * the limit. Nothing the API accepts comes near it; a megabyte {@code reason} must never reach
 * PostgreSQL or a workflow's history.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodySizeLimit extends OncePerRequestFilter {

  private final long limit;
  private final ObjectMapper json;

  BodySizeLimit(@Value("${WARDEN_API_MAX_BODY:64KB}") DataSize limit, ObjectMapper json) {
    this.limit = limit.toBytes();
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getContentLengthLong() > limit) {
      refuse(response);
      return;
    }
    chain.doFilter(request.getContentLengthLong() < 0 ? new Bounded(request) : request, response);
  }

  private void refuse(HttpServletResponse response) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", ProblemTypes.PAYLOAD_TOO_LARGE.toString());
    body.put("title", "Payload too large");
    body.put("status", 413);
    body.put("detail", "the request body is larger than " + limit + " bytes");
    body.put("limit", limit);
    response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    // The body is not read: close the connection instead of draining megabytes first.
    response.setHeader(HttpHeaders.CONNECTION, "close");
    json.writeValue(response.getOutputStream(), body);
  }

  /** A body read past the limit; the problem handler answers it with 413. */
  public static final class BodyTooLargeException extends IOException {
    BodyTooLargeException(long limit) {
      super("the request body is larger than " + limit + " bytes");
    }
  }

  private final class Bounded extends HttpServletRequestWrapper {
    Bounded(HttpServletRequest request) {
      super(request);
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
      ServletInputStream in = super.getInputStream();
      return new ServletInputStream() {
        private long read;

        @Override
        public int read() throws IOException {
          int b = in.read();
          count(b < 0 ? 0 : 1);
          return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
          int n = in.read(buffer, offset, length);
          count(Math.max(n, 0));
          return n;
        }

        private void count(int n) throws BodyTooLargeException {
          read += n;
          if (read > limit) {
            throw new BodyTooLargeException(limit);
          }
        }

        @Override
        public boolean isFinished() {
          return in.isFinished();
        }

        @Override
        public boolean isReady() {
          return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
          in.setReadListener(listener);
        }
      };
    }
  }
}
