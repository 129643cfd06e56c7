package dev.warden.api.purge;

import dev.warden.api.json.MultiLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/purges/{id}/cancel}. */
public record CancelPurge(
    @MultiLine @NotBlank(message = "is required to cancel a purge") @Size(max = 2_000)
        String reason) {}
