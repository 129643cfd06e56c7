package dev.warden.api.data;

import dev.warden.api.gate.GateChain;
import dev.warden.api.gate.Gated;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.storage.PresignedUpload;
import dev.warden.engines.storage.UploadPresigner;
import dev.warden.engines.tenant.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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

  private final UploadPresigner uploads;
  private final GateChain gates;

  UploadsController(UploadPresigner uploads, GateChain gates) {
    this.uploads = uploads;
    this.gates = gates;
  }

  @PostMapping("/v1/tenants/{tenantId}/uploads/presign")
  @Gated(action = KillSwitchAction.UPLOAD, providers = "s3")
  ResponseEntity<PresignedUpload> presign(
      @PathVariable String tenantId,
      @RequestBody(required = false) PresignUpload body,
      HttpServletRequest http,
      HttpServletResponse response) {
    TenantId tenant = TenantId.of(tenantId);
    if (body == null || body.sizeBytes() == null) {
      throw new IllegalArgumentException(
          "a JSON body with fileName, contentType and sizeBytes is required");
    }
    UploadPresigner.validate(body.fileName(), body.contentType(), body.sizeBytes());
    gates.enforce(gates.request(http, tenant), response);
    PresignedUpload upload =
        uploads.presign(tenant, body.fileName(), body.contentType(), body.sizeBytes());
    return ResponseEntity.status(HttpStatus.CREATED).body(upload);
  }
}
