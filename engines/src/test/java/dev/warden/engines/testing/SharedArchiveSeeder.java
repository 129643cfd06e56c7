package dev.warden.engines.testing;

import dev.warden.engines.logarchive.LogArchiveStore;
import dev.warden.engines.tenant.Env;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Seeds shared log archives of an env for the benchmarks: {@code archives} gzipped JSON-lines
 * objects under {@code logs/{env}/} holding {@code lines} lines in all of 200 other tenants ({@code
 * t0} … {@code t199}); each tenant of {@code onePercent} gets one line in 1 % of the archives (one
 * in a hundred).
 */
public final class SharedArchiveSeeder {

  /** How many other tenants the lines belong to. */
  public static final int OTHER_TENANTS = 200;

  private SharedArchiveSeeder() {}

  public static void seed(S3Fixture s3, Env env, int archives, int lines, List<String> onePercent)
      throws IOException {
    int perArchive = lines / archives;
    for (int a = 0; a < archives; a++) {
      StringBuilder text = new StringBuilder(perArchive * 90);
      for (int i = 0; i < perArchive; i++) {
        text.append("{\"ts\":\"2026-11-29T12:00:00Z\",\"tenant_id\":\"t")
            .append((a * 31 + i) % OTHER_TENANTS)
            .append("\",\"level\":\"INFO\",\"msg\":\"request ")
            .append(i)
            .append(" served\"}\n");
      }
      if (a % 100 < 1) {
        for (String tenant : onePercent) {
          text.append("{\"tenant_id\":\"").append(tenant).append("\",\"n\":1}\n");
        }
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
        out.write(text.toString().getBytes(StandardCharsets.UTF_8));
      }
      String key = LogArchiveStore.envPrefix(env) + "2026/11/%04d/app.jsonl.gz".formatted(a);
      s3.s3()
          .putObject(
              b -> b.bucket(s3.bucket()).key(key), RequestBody.fromBytes(bytes.toByteArray()));
    }
  }
}
