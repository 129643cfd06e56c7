package dev.warden.workflows.contract;

import java.util.List;

/** The store steps of a tenant purge, in the order the workflow runs them. */
public enum PurgeStep {
  /** Objects under {@code tenants/{id}/}, every version on a versioned bucket. */
  STORAGE(List.of("s3")),
  /** Documents of the tenant in {@code docs-{env}}. */
  INDEX(List.of("opensearch")),
  /** Log indices {@code logs-{env}-*} and mixed-tenant log archives in S3. */
  LOGS(List.of("opensearch", "s3"));

  private final List<String> providers;

  PurgeStep(List<String> providers) {
    this.providers = providers;
  }

  /** The providers this step talks to, as named in kill-switch scopes. */
  public List<String> providers() {
    return providers;
  }
}
