package dev.warden.api.gate;

import dev.warden.api.web.RequestContext;
import jakarta.servlet.http.HttpServletRequest;

/**
 * The request's {@link RequestContext}, made once and kept on the request: a trace id invented for
 * a request without one must be the same in its events, its gates and its answer.
 */
public final class CurrentRequest {

  private static final String ATTRIBUTE = CurrentRequest.class.getName() + ".context";

  private CurrentRequest() {}

  public static RequestContext context(HttpServletRequest request) {
    Object known = request.getAttribute(ATTRIBUTE);
    if (known instanceof RequestContext context) {
      return context;
    }
    RequestContext context = RequestContext.of(request);
    request.setAttribute(ATTRIBUTE, context);
    return context;
  }
}
