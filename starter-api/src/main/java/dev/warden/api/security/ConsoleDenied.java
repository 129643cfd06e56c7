package dev.warden.api.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.util.HtmlUtils;

/**
 * The console's 403 page, answered here rather than through {@code /error} (which speaks
 * problem+json to API clients): a person signed in without the role a page needs, or a form sent
 * without the session's CSRF token.
 */
final class ConsoleDenied implements AccessDeniedHandler {

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    response.setContentType(MediaType.TEXT_HTML_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    String signOut = "";
    if (request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken csrf) {
      signOut =
          "<form action=\"/console/logout\" method=\"post\"><input type=\"hidden\" name=\""
              + HtmlUtils.htmlEscape(csrf.getParameterName())
              + "\" value=\""
              + HtmlUtils.htmlEscape(csrf.getToken())
              + "\"><button type=\"submit\">Sign out</button></form>";
    }
    response
        .getWriter()
        .write(
            """
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>403 Not allowed · Warden</title>
            <link rel="stylesheet" href="/console/assets/console.css"></head>
            <body><main id="main"><h1 id="forbidden">403 — not allowed</h1>
            <p>You are signed in, but your role does not allow this page or action. Warden's
            console is for the compliance, legal, operator and auditor roles.</p>%s
            <p><a href="/console/purges">Purges</a></p></main></body></html>
            """
                .formatted(signOut));
  }
}
