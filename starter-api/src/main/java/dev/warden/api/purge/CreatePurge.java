package dev.warden.api.purge;

/** Body of {@code POST /v1/purges}; validated into engines types by {@link PurgeService}. */
public record CreatePurge(String tenantId, String env, String reason, String ticket) {}
