package dev.warden.api.data;

import dev.warden.api.gate.CurrentRequest;
import dev.warden.api.gate.GateChain;
import dev.warden.api.gate.Gated;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.tenant.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A pack: a named bundle of a tenant's documents, written as one JSON object to its folder. */
@RestController
class PacksController {

  /** Body of a pack request. */
  record CreatePack(String name, List<String> documentIds) {}

  /** The answer: where the pack is, how many documents and bytes it holds. */
  record PackView(UUID packId, String key, int documents, long bytes) {}

  private final PackService packs;
  private final GateChain gates;

  PacksController(PackService packs, GateChain gates) {
    this.packs = packs;
    this.gates = gates;
  }

  @PostMapping("/v1/tenants/{tenantId}/packs")
  @Gated(
      action = KillSwitchAction.PACK,
      providers = {"s3", "opensearch"})
  ResponseEntity<PackView> create(
      @PathVariable String tenantId,
      @RequestBody(required = false) CreatePack body,
      HttpServletRequest http,
      HttpServletResponse response) {
    TenantId tenant = TenantId.of(tenantId);
    if (body == null) {
      throw new IllegalArgumentException("a JSON body with name and documentIds is required");
    }
    PackService.validate(body.name(), body.documentIds());
    gates.enforce(gates.request(http, tenant), response);
    PackService.CreatedPack pack =
        packs.create(tenant, body.name(), body.documentIds(), CurrentRequest.context(http));
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(new PackView(pack.packId(), pack.key(), pack.documents(), pack.bytes()));
  }
}
