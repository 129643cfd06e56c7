package dev.warden.engines.failure;

/** The external stores a purge deletes from, by the name an operator knows them by. */
public enum Store {
  S3("S3"),
  OPENSEARCH("OpenSearch");

  private final String label;

  Store(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
