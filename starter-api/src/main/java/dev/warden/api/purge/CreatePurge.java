package dev.warden.api.purge;

import dev.warden.api.json.MultiLine;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/**
 * Body of {@code POST /v1/purges}. Sizes are checked here (a violation answers 400 naming the
 * field); tenant id, env and grace period are parsed into engines types by {@link PurgeService},
 * whose rules give the finer problem types.
 *
 * @param gracePeriod ISO-8601 duration (e.g. {@code PT72H}) to wait, cancellable, before deleting
 * @param dryRun count what would be deleted and delete nothing
 * @param receivedAt when the data subject's request arrived (ISO-8601 instant such as {@code
 *     2026-05-04T09:30:00Z}, or a date, read as its start in UTC); default now. The due date counts
 *     from it.
 */
public record CreatePurge(
    String tenantId,
    String env,
    @MultiLine @NotBlank(message = "is required: say why the tenant is purged") @Size(max = 2_000)
        String reason,
    @Size(max = 200) String ticket,
    @Size(max = 64) String gracePeriod,
    Boolean dryRun,
    @Size(max = 64) String receivedAt) {}
