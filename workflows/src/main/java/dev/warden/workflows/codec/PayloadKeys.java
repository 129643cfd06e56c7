package dev.warden.workflows.codec;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys of Temporal payloads, by key id: {@code WARDEN_PAYLOAD_KEYS} is {@code
 * id=base64,id2=base64,…} (32-byte keys); the first encrypts, every one decrypts, so a rotation
 * puts the new key first and keeps the old ones until no history needs them. Unset: one key is
 * generated into the data directory on first start and reused (the local setup).
 */
public final class PayloadKeys {

  /** The file a generated key is kept in, inside the data directory. */
  public static final String GENERATED_FILE = "payload-keys";

  private final String current;
  private final Map<String, SecretKey> keys;

  PayloadKeys(String spec) {
    Map<String, SecretKey> parsed = new LinkedHashMap<>();
    for (String entry : spec.strip().split("\\s*,\\s*")) {
      int eq = entry.indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException(
            "WARDEN_PAYLOAD_KEYS: each key is id=base64, got an entry without an id");
      }
      String id = entry.substring(0, eq).strip();
      byte[] key;
      try {
        key = Base64.getDecoder().decode(entry.substring(eq + 1).strip());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("WARDEN_PAYLOAD_KEYS: key " + id + " is not base64");
      }
      if (key.length != 32) {
        throw new IllegalArgumentException(
            "WARDEN_PAYLOAD_KEYS: key " + id + " has " + key.length + " bytes; AES-256 needs 32");
      }
      if (parsed.put(id, new SecretKeySpec(key, "AES")) != null) {
        throw new IllegalArgumentException("WARDEN_PAYLOAD_KEYS: key id " + id + " twice");
      }
    }
    this.current = parsed.keySet().iterator().next();
    this.keys = Map.copyOf(parsed);
  }

  /** {@code spec} when set (WARDEN_PAYLOAD_KEYS), else the key generated in {@code dataDir}. */
  public static PayloadKeys load(Optional<String> spec, Path dataDir) {
    if (spec.isPresent() && !spec.get().isBlank()) {
      return new PayloadKeys(spec.get());
    }
    Path file = dataDir.resolve(GENERATED_FILE);
    try {
      if (!Files.exists(file)) {
        generate(file);
      }
      return new PayloadKeys(Files.readString(file, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException("cannot read the payload keys " + file + ": " + e, e);
    }
  }

  /** A new entry {@code id=base64} for WARDEN_PAYLOAD_KEYS. */
  public static String newEntry() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    return "payload-"
        + LocalDate.now(ZoneOffset.UTC)
        + "-"
        + java.util.HexFormat.of().formatHex(key, 0, 4)
        + "="
        + Base64.getEncoder().encodeToString(key);
  }

  // Written whole, then linked into place: two apps starting at once end up with one key.
  private static void generate(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path tmp = Files.createTempFile(file.getParent(), "payload-keys", ".tmp");
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      Files.writeString(tmp, newEntry(), StandardCharsets.UTF_8);
      Files.createLink(file, tmp);
    } catch (FileAlreadyExistsException anotherProcessWon) {
      // use theirs
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  String currentId() {
    return current;
  }

  SecretKey current() {
    return keys.get(current);
  }

  Optional<SecretKey> find(String id) {
    return Optional.ofNullable(keys.get(id));
  }
}
