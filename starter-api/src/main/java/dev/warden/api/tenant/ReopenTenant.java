package dev.warden.api.tenant;

import dev.warden.api.json.MultiLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/tenants/{id}/reopen}. */
public record ReopenTenant(
    @MultiLine
        @NotBlank(message = "is required: say why the tenant may take data again")
        @Size(max = 2_000)
        String reason) {}
