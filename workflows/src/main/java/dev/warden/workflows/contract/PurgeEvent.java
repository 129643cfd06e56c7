package dev.warden.workflows.contract;

import java.util.Map;

/**
 * A DatasetEvent as the workflow asks for it. The event id is derived from purge id, type, step and
 * attempt, so a retried activity never writes the same event twice.
 */
public record PurgeEvent(
    PurgeRequest request,
    PurgeEventType type,
    PurgeStep step,
    int attempt,
    Map<String, String> attributes) {}
