package dev.warden.api.hold;

import dev.warden.api.json.MultiLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of {@code PUT /v1/tenants/{id}/legal-hold}. */
public record PlaceHold(
    @MultiLine @NotBlank(message = "is required to place a legal hold") @Size(max = 2_000)
        String reason) {}
