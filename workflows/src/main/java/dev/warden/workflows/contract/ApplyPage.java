package dev.warden.workflows.contract;

/**
 * What one page of corrections did. {@code done}: no tenant is left in the state the page worked
 * on. {@code blockedBy} set: a kill switch applies to {@code blockedTenant}; wait, then call again.
 */
public record ApplyPage(
    boolean done,
    int tenants,
    int changed,
    int unchanged,
    int deferred,
    int failed,
    long driftBytes,
    String lastTenant,
    String blockedTenant,
    GuardDecision blockedBy) {}
