package dev.warden.workflows.contract;

/**
 * What one tenant has in every store, counted afresh: the dry-run answer, and the verification that
 * a purge left nothing (every count 0).
 */
public record StoreInventory(
    long objects,
    long objectBytes,
    long objectVersions,
    long documents,
    long logDocuments,
    long logLines,
    long logObjects) {

  public static final StoreInventory EMPTY = new StoreInventory(0, 0, 0, 0, 0, 0, 0);

  /** What is left that the given step removes. */
  public long residueOf(PurgeStep step) {
    return switch (step) {
      case STORAGE -> objects + objectVersions;
      case INDEX -> documents;
      case LOGS -> logDocuments + logLines + logObjects;
    };
  }

  public boolean nothingLeft() {
    for (PurgeStep step : PurgeStep.values()) {
      if (residueOf(step) != 0) {
        return false;
      }
    }
    return true;
  }
}
