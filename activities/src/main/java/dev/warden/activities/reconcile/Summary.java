package dev.warden.activities.reconcile;

import dev.warden.engines.reconcile.Correction;
import dev.warden.workflows.contract.ReconciliationResult;
import java.util.LinkedHashMap;
import java.util.Map;

/** Event attributes of a tenant's correction and of a run's end. */
final class Summary {
  private Summary() {}

  static Map<String, String> attributes(String runId, Correction c) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("reconciliationId", runId);
    a.put("storageBytesBefore", Long.toString(c.bytesBefore()));
    a.put("storageBytesAfter", Long.toString(c.bytesAfter()));
    a.put("driftBytes", Long.toString(c.driftBytes()));
    a.put("storageObjectsBefore", Long.toString(c.objectsBefore()));
    a.put("storageObjectsAfter", Long.toString(c.objectsAfter()));
    a.put("driftObjects", Long.toString(c.driftObjects()));
    a.put("indexDocumentsBefore", Long.toString(c.documentsBefore()));
    a.put("indexDocuments", Long.toString(c.documents()));
    return a;
  }

  static Map<String, String> attributes(ReconciliationResult r) {
    Map<String, String> a = new LinkedHashMap<>();
    a.put("reconciliationId", r.reconciliationId());
    a.put("status", r.status().name());
    a.put("mode", String.valueOf(r.mode()));
    a.put("dryRun", Boolean.toString(r.dryRun()));
    a.put("tenantsTotal", Long.toString(r.tenantsTotal()));
    a.put("tenantsReconciled", Long.toString(r.tenantsReconciled()));
    a.put("tenantsChanged", Long.toString(r.tenantsChanged()));
    a.put("tenantsDeferred", Long.toString(r.tenantsDeferred()));
    a.put("tenantsFailed", Long.toString(r.tenantsFailed()));
    a.put("driftBytes", Long.toString(r.driftBytes()));
    if (r.detail() != null) {
      a.put("detail", r.detail());
    }
    return a;
  }
}
