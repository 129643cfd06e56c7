package dev.warden.api.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.problem.ProblemTypes;
import dev.warden.api.problem.WardenProblem;
import dev.warden.api.quota.QuotaRefusals;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.documents.DocumentId;
import dev.warden.engines.documents.TenantDocument;
import dev.warden.engines.documents.TenantDocumentStore;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.quota.QuotaExceededException;
import dev.warden.engines.quota.QuotaLedger;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.upload.StoredObject;
import dev.warden.engines.upload.UploadPresigner;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Builds packs from a tenant's own documents; another tenant's id is simply "not found". A pack's
 * bytes count against the tenant's storage quota before the object is written.
 */
@Service
class PackService {

  static final int MAX_DOCUMENTS = 500;
  static final int MAX_NAME = 200;

  /** The stored pack object. */
  record Pack(
      UUID packId,
      String tenantId,
      String env,
      String name,
      String createdBy,
      String traceId,
      Instant createdAt,
      List<PackDocument> documents) {}

  /** One document in a pack, as the tenant indexed it. */
  record PackDocument(String docId, String text, Map<String, Object> attributes) {

    static PackDocument of(TenantDocument d) {
      return new PackDocument(d.id().value(), d.text(), d.attributes());
    }
  }

  private final TenantDocumentStore documents;
  private final UploadPresigner objects;
  private final ObjectMapper json;
  private final Env deploymentEnv;
  private final Clock clock;
  private final QuotaLedger ledger;
  private final QuotaRefusals refusals;

  PackService(
      TenantDocumentStore documents,
      UploadPresigner objects,
      ObjectMapper json,
      Env deploymentEnv,
      Clock clock,
      QuotaLedger ledger,
      QuotaRefusals refusals) {
    this.ledger = ledger;
    this.refusals = refusals;
    this.documents = documents;
    this.objects = objects;
    this.json = json;
    this.deploymentEnv = deploymentEnv;
    this.clock = clock;
  }

  /** A written pack: where it is, how many documents and bytes it holds. */
  record CreatedPack(UUID packId, String key, int documents, long bytes) {}

  CreatedPack create(
      TenantId tenant, String name, List<String> documentIds, RequestContext context) {
    Set<DocumentId> wanted = validate(name, documentIds);
    Map<DocumentId, TenantDocument> found = documents.get(deploymentEnv, tenant, wanted);
    List<String> missing =
        wanted.stream().filter(id -> !found.containsKey(id)).map(DocumentId::value).toList();
    if (!missing.isEmpty()) {
      throw new WardenProblem(
          ProblemTypes.DOCUMENT_NOT_FOUND,
          HttpStatus.NOT_FOUND,
          "tenant %s has no documents %s in %s".formatted(tenant, missing, deploymentEnv),
          Map.of("tenantId", tenant.value(), "missing", missing));
    }
    UUID packId = UUID.randomUUID();
    Pack pack =
        new Pack(
            packId,
            tenant.value(),
            deploymentEnv.value(),
            name,
            context.actor(),
            context.traceId(),
            clock.instant(),
            wanted.stream().map(found::get).map(PackDocument::of).toList());
    byte[] content = serialise(pack);
    try {
      ledger.admitWrite(tenant, deploymentEnv, content.length);
    } catch (QuotaExceededException e) {
      throw refusals.refuse(e, deploymentEnv, tenant, KillSwitchAction.PACK.id(), context);
    }
    StoredObject stored;
    try {
      stored = objects.write(tenant, "packs/" + packId + ".json", content, "application/json");
    } catch (RuntimeException e) {
      ledger.revertWrite(tenant, deploymentEnv, content.length);
      throw e;
    }
    return new CreatedPack(packId, stored.key(), pack.documents().size(), stored.bytes());
  }

  /**
   * Checks a pack request's name and document ids (before any gate consumes anything).
   *
   * @return the document ids, parsed, in order, without duplicates
   */
  static Set<DocumentId> validate(String name, List<String> documentIds) {
    if (name == null || name.isBlank() || name.length() > MAX_NAME) {
      throw new IllegalArgumentException("name is required, at most " + MAX_NAME + " characters");
    }
    if (documentIds == null || documentIds.isEmpty() || documentIds.size() > MAX_DOCUMENTS) {
      throw new IllegalArgumentException(
          "documentIds must list 1 to " + MAX_DOCUMENTS + " document ids");
    }
    Set<DocumentId> wanted = new LinkedHashSet<>();
    documentIds.forEach(id -> wanted.add(DocumentId.of(id)));
    return wanted;
  }

  private byte[] serialise(Pack pack) {
    try {
      return json.writeValueAsBytes(pack);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("pack " + pack.packId() + " is not serialisable", e);
    }
  }
}
