package dev.warden.api.problem;

import java.net.URI;

/** Stable {@code type} URIs of Warden's problem+json answers; clients may switch on them. */
public final class ProblemTypes {
  public static final URI INVALID_TENANT_ID = of("invalid-tenant-id");
  public static final URI INVALID_REQUEST = of("invalid-request");
  public static final URI ENV_MISMATCH = of("env-mismatch");
  public static final URI PURGE_NOT_FOUND = of("purge-not-found");
  public static final URI PURGE_CONFLICT = of("purge-conflict");
  public static final URI WORKFLOW_UNAVAILABLE = of("workflow-unavailable");
  public static final URI WORKFLOW_GONE = of("workflow-gone");
  public static final URI INTERNAL = of("internal");
  public static final URI NOT_FOUND = of("not-found");
  public static final URI PAYLOAD_TOO_LARGE = of("payload-too-large");
  public static final URI LEGAL_HOLD = of("legal-hold");
  public static final URI PURGE_NOT_RETRYABLE = of("purge-not-retryable");
  public static final URI PURGE_FINISHED = of("purge-finished");
  public static final URI DEADLINE_EXTENSION_LIMIT = of("deadline-extension-limit");
  public static final URI RECEIPT_NOT_READY = of("receipt-not-ready");
  public static final URI LEGAL_HOLD_NOT_FOUND = of("legal-hold-not-found");
  public static final URI PURGE_NOT_AWAITING_APPROVAL = of("purge-not-awaiting-approval");
  public static final URI PURGE_ALREADY_APPROVED = of("purge-already-approved");
  public static final URI OWN_PURGE = of("own-purge");

  /** A service's token (client credentials) where only a person may decide (approve, reject). */
  public static final URI PERSON_REQUIRED = of("person-required");

  // A tenant's writes while it is purged, and its re-opening.
  public static final URI TENANT_UNDER_PURGE = of("tenant-under-purge");
  public static final URI TENANT_NOT_LOCKED = of("tenant-not-locked");
  public static final URI PURGE_ACTIVE = of("purge-active");
  // Gates, kill-switch admin and data routes.
  public static final URI KILL_SWITCH_ENGAGED = of("kill-switch-engaged");
  public static final URI KILL_SWITCH_UNAVAILABLE = of("kill-switch-unavailable");
  public static final URI KILL_SWITCH_NOT_FOUND = of("kill-switch-not-found");
  public static final URI DOCUMENT_NOT_FOUND = of("document-not-found");
  public static final URI QUOTA_EXCEEDED = of("quota-exceeded");
  public static final URI UPLOAD_NOT_FOUND = of("upload-not-found");
  public static final URI UPLOAD_NOT_STORED = of("upload-not-stored");
  public static final URI RATE_LIMITED = of("rate-limited");
  // Quota reconciliation.
  public static final URI RECONCILIATION_RUNNING = of("reconciliation-running");
  public static final URI RECONCILIATION_NOT_FOUND = of("reconciliation-not-found");
  public static final URI UNKNOWN_TENANT = of("unknown-tenant");
  // HTTP-level refusals, including those Tomcat answers before Spring sees the request.
  public static final URI METHOD_NOT_ALLOWED = of("method-not-allowed");
  public static final URI NOT_ACCEPTABLE = of("not-acceptable");
  public static final URI UNSUPPORTED_MEDIA_TYPE = of("unsupported-media-type");
  public static final URI REQUEST_REFUSED = of("request-refused");

  private ProblemTypes() {}

  /**
   * The type of an answer that only has a status (Spring's and Tomcat's own refusals): never {@code
   * about:blank}.
   */
  public static URI forStatus(int status) {
    return switch (status) {
      case 400 -> INVALID_REQUEST;
      case 404 -> NOT_FOUND;
      case 405 -> METHOD_NOT_ALLOWED;
      case 406 -> NOT_ACCEPTABLE;
      case 413 -> PAYLOAD_TOO_LARGE;
      case 415 -> UNSUPPORTED_MEDIA_TYPE;
      default -> status >= 500 ? INTERNAL : REQUEST_REFUSED;
    };
  }

  static URI of(String slug) {
    return URI.create("urn:warden:problem:" + slug);
  }
}
