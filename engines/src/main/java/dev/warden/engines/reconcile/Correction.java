package dev.warden.engines.reconcile;

/**
 * What a reconciliation did to one tenant's ledger row.
 *
 * @param state APPLIED (ledger changed), UNCHANGED, DEFERRED (a purge of the tenant is active or
 *     started after the snapshot: the ledger is left alone) or DRY_RUN (computed, not written)
 * @param driftBytes measured − baseline: what the ledger missed (negative: it counted too much)
 */
public record Correction(
    String tenantId,
    String state,
    long bytesBefore,
    long bytesAfter,
    long objectsBefore,
    long objectsAfter,
    long documentsBefore,
    long documents,
    long driftBytes,
    long driftObjects,
    String reason) {

  public boolean changed() {
    return "APPLIED".equals(state);
  }
}
