package dev.warden.engines.indexpurge;

/** How many documents one tenant has in an index or index pattern. */
public record IndexUsage(long documents) {}
