package dev.warden.workflows.contract;

/**
 * What a {@link Transition} found out.
 *
 * @param guard the kill-switch guard's decision for the transition's step; null when none was asked
 * @param legalHold whether a legal hold stands on the tenant (false when not asked)
 */
public record TransitionResult(GuardDecision guard, boolean legalHold) {}
