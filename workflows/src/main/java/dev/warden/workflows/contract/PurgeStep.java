package dev.warden.workflows.contract;

/** The steps of a tenant purge, in the order the workflow runs them. */
public enum PurgeStep {
  STORAGE("s3");

  private final String provider;

  PurgeStep(String provider) {
    this.provider = provider;
  }

  /** The provider this step talks to, as named in kill-switch scopes. */
  public String provider() {
    return provider;
  }
}
