package dev.warden.engines.quota;

import java.time.Instant;
import java.util.UUID;

/** Bytes held for one presigned upload until it is settled (stored or released). */
public record Reservation(
    UUID reservationId,
    String tenantId,
    String env,
    String objectKey,
    long bytes,
    Instant reservedAt,
    Instant expiresAt) {}
