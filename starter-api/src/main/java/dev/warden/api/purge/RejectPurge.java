package dev.warden.api.purge;

import dev.warden.api.json.MultiLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/purges/{id}/reject}. */
public record RejectPurge(
    @MultiLine @NotBlank(message = "is required to reject a purge") @Size(max = 2_000)
        String reason) {}
