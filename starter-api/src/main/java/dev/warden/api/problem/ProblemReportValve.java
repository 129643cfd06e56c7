package dev.warden.api.problem;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.Map;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's error report for what it refuses before Spring sees the request (a request line or
 * headers too large or malformed): problem+json with a Warden type instead of Tomcat's HTML page.
 * Errors Spring handled already have a body and are left alone.
 */
public final class ProblemReportValve extends ErrorReportValve {
  // ASCII only, so no charset parameter is needed (RFC 8259 defines none for JSON).
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(JsonGenerator.Feature.ESCAPE_NON_ASCII);

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    int status = response.getStatus();
    if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
      return;
    }
    HttpStatus known = HttpStatus.resolve(status);
    String title = known == null ? "Error " + status : known.getReasonPhrase();
    Map<String, Object> body =
        ProblemResponses.body(
            status, ProblemTypes.forStatus(status), title, detail(status), Map.of());
    try {
      response.setContentType("application/problem+json");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(JSON.writeValueAsString(body));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // The connection is gone or the response committed: nothing more can be said.
    }
  }

  private static String detail(int status) {
    return switch (status) {
      case 400 ->
          "the request line or its headers are malformed or larger than the server accepts"
              + " (request line and headers together: 8 KB by default)";
      case 505 -> "the HTTP version is not supported";
      default -> "the server refused the request before it was read";
    };
  }
}
