package dev.warden.api.purge;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code POST /v1/purges/{id}/cancel}. */
public record CancelPurge(
    @NotBlank(message = "is required to cancel a purge") @Size(max = 2_000) String reason) {}
