package dev.warden.api.data;

import dev.warden.api.gate.CurrentRequest;
import dev.warden.api.gate.GateChain;
import dev.warden.api.gate.Gated;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.upload.PendingUpload;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Tenant clients upload straight to S3 with a presigned PUT; the bytes never pass the API. */
@RestController
class UploadsController {

  /** Body of the presign call; the file name is sanitised, size and type are signed. */
  record PresignUpload(String fileName, String contentType, Long sizeBytes) {}

  /**
   * A signed PUT: send exactly {@code headers} (the size is signed, a larger body is refused by the
   * store); {@code sizeBytes} stay reserved against the storage quota.
   */
  record PresignView(
      String key,
      URI url,
      String method,
      Instant expiresAt,
      Map<String, String> headers,
      UUID reservationId,
      long sizeBytes) {}

  private final UploadService uploads;
  private final GateChain gates;

  UploadsController(UploadService uploads, GateChain gates) {
    this.uploads = uploads;
    this.gates = gates;
  }

  @PostMapping("/v1/tenants/{tenantId}/uploads/presign")
  @Gated(action = KillSwitchAction.UPLOAD, providers = "s3")
  ResponseEntity<PresignView> presign(
      @PathVariable String tenantId,
      @RequestBody(required = false) PresignUpload body,
      HttpServletRequest http,
      HttpServletResponse response) {
    TenantId tenant = TenantId.of(tenantId);
    if (body == null || body.sizeBytes() == null) {
      throw new IllegalArgumentException(
          "a JSON body with fileName, contentType and sizeBytes is required");
    }
    PendingUpload pending =
        uploads.prepare(tenant, body.fileName(), body.contentType(), body.sizeBytes());
    gates.enforce(gates.request(http, tenant), response);
    UploadService.Presigned p = uploads.presign(pending, CurrentRequest.context(http));
    return ResponseEntity.status(HttpStatus.CREATED)
        .body(
            new PresignView(
                p.upload().key(),
                p.upload().url(),
                p.upload().method(),
                p.upload().expiresAt(),
                p.upload().headers(),
                p.reservationId(),
                p.sizeBytes()));
  }

  /**
   * The client finished its PUT: the reservation settles to the object's real size (or is released
   * when the URL expired with nothing stored). Not a gated route (no rate limit or quota of its
   * own), but refused like one while a purge locks the tenant's writes.
   */
  @PostMapping("/v1/tenants/{tenantId}/uploads/{reservationId}/complete")
  UploadService.Completed complete(
      @PathVariable String tenantId, @PathVariable UUID reservationId, HttpServletRequest http) {
    return uploads.complete(TenantId.of(tenantId), reservationId, CurrentRequest.context(http));
  }
}
