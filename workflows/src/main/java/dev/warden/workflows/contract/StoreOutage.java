package dev.warden.workflows.contract;

/**
 * Second detail of a {@link Failures#STORE_UNAVAILABLE} or {@link Failures#PARTIAL_DELETION}
 * failure: which store is out and how long the worker's settings ({@code
 * WARDEN_PURGE_OUTAGE_TOLERANCE}) let the purge wait for it before asking an operator.
 *
 * @param store the store as an operator names it ("OpenSearch", "S3")
 */
public record StoreOutage(String store, long toleranceSeconds) {}
