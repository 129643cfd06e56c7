package dev.warden.api.purge;

import dev.warden.api.json.MultiLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /v1/purges/{id}/extend}.
 *
 * @param extendBy ISO-8601 duration in days or hours (e.g. {@code P30D}) added to the due date; all
 *     extensions of a purge together stay within two months of its initial due date
 * @param reason why the erasure needs more time (GDPR art. 12(3) asks for one), required
 */
public record ExtendDeadline(
    @NotBlank(message = "is required: an ISO-8601 duration such as P30D") @Size(max = 64)
        String extendBy,
    @MultiLine
        @NotBlank(message = "is required: say why the erasure needs more time")
        @Size(max = 2_000)
        String reason) {}
