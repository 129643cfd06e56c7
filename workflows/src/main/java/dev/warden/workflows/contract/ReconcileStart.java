package dev.warden.workflows.contract;

/**
 * The run is claimed and the ledger snapshotted.
 *
 * @param skipped another run of the environment is running: this one does nothing
 * @param mode {@code sweep} or {@code per-tenant}
 * @param cursor where the storage listing starts (opaque)
 * @param tenantsKnown tenants the run knows before listing (ledger rows, or the requested ones)
 * @param reservationsSettled expired reservations settled before the snapshot
 */
public record ReconcileStart(
    boolean skipped,
    String detail,
    String mode,
    String cursor,
    long tenantsKnown,
    long reservationsSettled) {

  public static ReconcileStart skipped(String why) {
    return new ReconcileStart(true, why, null, null, 0, 0);
  }
}
