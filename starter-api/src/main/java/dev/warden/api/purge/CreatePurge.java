package dev.warden.api.purge;

/**
 * Body of {@code POST /v1/purges}; validated into engines types by {@link PurgeService}.
 *
 * @param gracePeriod ISO-8601 duration (e.g. {@code PT72H}) to wait, cancellable, before deleting
 * @param dryRun count what would be deleted and delete nothing
 */
public record CreatePurge(
    String tenantId,
    String env,
    String reason,
    String ticket,
    String gracePeriod,
    Boolean dryRun) {}
