package dev.warden.engines.upload;

import dev.warden.engines.tenant.TenantId;

/** A checked upload request, not yet signed: the key inside the tenant's folder, type and size. */
public record PendingUpload(TenantId tenant, String key, String contentType, long sizeBytes) {}
