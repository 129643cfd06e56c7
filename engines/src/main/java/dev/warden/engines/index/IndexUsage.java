package dev.warden.engines.index;

/** How many documents one tenant has in an index or index pattern. */
public record IndexUsage(long documents) {}
