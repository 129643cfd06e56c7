package dev.warden.workflows.admin;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One call to the Temporal frontend at an app's start: a refused certificate, an untrusted server
 * certificate or refused credentials become one line naming the setting to fix, instead of workers
 * retrying in the background. A server that does not answer at all is no such line: the apps start
 * and the SDK keeps trying, as it does for any outage.
 */
public final class TemporalConnectionCheck {
  private TemporalConnectionCheck() {}

  public static Optional<String> problem(
      WorkflowServiceStubs service, String target, Duration timeout) {
    try {
      service
          .blockingStub()
          .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      return Optional.empty();
    } catch (StatusRuntimeException e) {
      return classify(e, target);
    }
  }

  static Optional<String> classify(StatusRuntimeException e, String target) {
    Status.Code code = e.getStatus().getCode();
    String why = code + ": " + e.getStatus().getDescription() + causes(e);
    if (code == Status.Code.UNAUTHENTICATED || code == Status.Code.PERMISSION_DENIED) {
      return Optional.of(
          "WARDEN_TEMPORAL_API_KEY: Temporal at %s refused the credentials (%s)"
              .formatted(target, why));
    }
    if (why.contains("PKIX") || why.contains("unable to find valid certification path")) {
      return Optional.of(
          ("WARDEN_TEMPORAL_TLS: the certificate of Temporal at %s is not trusted: add its CA to"
                  + " the JVM's trust store (%s)")
              .formatted(target, why));
    }
    if (why.contains("HTTP status code 400")
        || why.contains("HTTP status code 495")
        || why.contains("HTTP status code 496")
        || why.contains("bad_certificate")
        || why.contains("certificate_required")
        || why.contains("certificate_unknown")) {
      return Optional.of(
          ("WARDEN_TEMPORAL_CLIENT_CERT / WARDEN_TEMPORAL_CLIENT_KEY: Temporal at %s refused the"
                  + " connection for want of a client certificate it trusts (%s)")
              .formatted(target, why));
    }
    return Optional.empty();
  }

  private static String causes(Throwable e) {
    StringBuilder out = new StringBuilder();
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      out.append("; ").append(t.getClass().getSimpleName()).append(": ").append(t.getMessage());
    }
    return out.toString();
  }
}
