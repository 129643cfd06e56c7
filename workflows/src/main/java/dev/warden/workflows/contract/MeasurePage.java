package dev.warden.workflows.contract;

/**
 * What one measure call listed. It returns at the end of the listing, after its time budget, or at
 * a page boundary where a kill switch applies ({@code blockedBy} set: wait, then call again from
 * {@code cursor}).
 */
public record MeasurePage(
    String cursor,
    boolean done,
    long objectsListed,
    long tenantsMeasured,
    String currentTenant,
    GuardDecision blockedBy) {}
