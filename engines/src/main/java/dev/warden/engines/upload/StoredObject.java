package dev.warden.engines.upload;

/** An object the API wrote into a tenant's folder: its key and size. */
public record StoredObject(String key, long bytes) {}
