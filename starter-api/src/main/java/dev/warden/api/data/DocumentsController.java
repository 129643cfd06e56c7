package dev.warden.api.data;

import dev.warden.api.gate.GateChain;
import dev.warden.api.gate.Gated;
import dev.warden.api.json.MultiLine;
import dev.warden.engines.documents.DocumentId;
import dev.warden.engines.documents.TenantDocument;
import dev.warden.engines.documents.TenantDocumentStore;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** A tenant's searchable documents in {@code docs-{env}}: index one, search its own. */
@RestController
@RequestMapping("/v1/tenants/{tenantId}")
class DocumentsController {

  static final int MAX_TEXT = 1_000_000;

  /** Body of an index call. */
  record IndexDocument(@MultiLine String text, Map<String, Object> attributes) {}

  /** The answer to an index call. */
  record IndexedView(String tenantId, String docId, String index, String result, long version) {}

  /** One hit; only ever a document of the tenant asked for. */
  record HitView(String docId, double score, String text, Map<String, Object> attributes) {}

  /** The answer to a search. */
  record SearchView(String tenantId, String q, long total, List<HitView> hits) {}

  private final TenantDocumentStore documents;
  private final Env deploymentEnv;
  private final GateChain gates;

  DocumentsController(TenantDocumentStore documents, Env deploymentEnv, GateChain gates) {
    this.documents = documents;
    this.deploymentEnv = deploymentEnv;
    this.gates = gates;
  }

  /** 201 for a new document, 200 for a new version of one the tenant had. */
  @PutMapping("/documents/{docId}")
  @Gated(action = KillSwitchAction.INDEX, providers = "opensearch")
  ResponseEntity<IndexedView> index(
      @PathVariable String tenantId,
      @PathVariable String docId,
      @RequestBody(required = false) IndexDocument body,
      HttpServletRequest http,
      HttpServletResponse response) {
    TenantId tenant = TenantId.of(tenantId);
    DocumentId id = DocumentId.of(docId);
    if (body == null || body.text() == null || body.text().isBlank()) {
      throw new IllegalArgumentException("a JSON body with a non-blank text is required");
    }
    if (body.text().length() > MAX_TEXT) {
      throw new IllegalArgumentException("text is longer than " + MAX_TEXT + " characters");
    }
    gates.enforce(gates.request(http, tenant), response);
    TenantDocumentStore.Indexed indexed =
        documents.index(
            deploymentEnv, tenant, new TenantDocument(id, body.text(), body.attributes()));
    IndexedView view =
        new IndexedView(
            tenant.value(),
            id.value(),
            indexed.index(),
            indexed.created() ? "created" : "updated",
            indexed.version());
    return ResponseEntity.status(indexed.created() ? HttpStatus.CREATED : HttpStatus.OK).body(view);
  }

  @GetMapping("/search")
  @Gated(action = KillSwitchAction.SEARCH, providers = "opensearch")
  SearchView search(
      @PathVariable String tenantId,
      @RequestParam(required = false) String q,
      @RequestParam(defaultValue = "10") int size,
      HttpServletRequest http,
      HttpServletResponse response) {
    TenantId tenant = TenantId.of(tenantId);
    if (q == null || q.isBlank()) {
      throw new IllegalArgumentException("q is required");
    }
    if (size < 1 || size > TenantDocumentStore.MAX_SEARCH_SIZE) {
      throw new IllegalArgumentException(
          "size must be between 1 and %d, was %d"
              .formatted(TenantDocumentStore.MAX_SEARCH_SIZE, size));
    }
    gates.enforce(gates.request(http, tenant), response);
    TenantDocumentStore.Hits hits = documents.search(deploymentEnv, tenant, q, size);
    List<HitView> views =
        hits.hits().stream()
            .map(
                h ->
                    new HitView(
                        h.document().id().value(),
                        h.score(),
                        h.document().text(),
                        h.document().attributes()))
            .toList();
    return new SearchView(tenant.value(), q, hits.total(), views);
  }
}
