package dev.warden.engines.logarchive;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.engines.tenant.TenantId;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams one gzip'd JSON-lines archive, line by line, dropping the lines whose {@code tenant_id}
 * equals the tenant exactly. Kept lines are copied byte for byte (line endings, invalid UTF-8 and
 * all), so other tenants' data comes out identical. Memory use is one line, never one archive.
 */
final class ArchiveFilter {

  private static final Logger log = LoggerFactory.getLogger(ArchiveFilter.class);
  private static final int BUFFER = 64 * 1024;

  /** What one pass over an archive found; {@code bytesRemoved} are uncompressed bytes. */
  record Result(long linesRemoved, long bytesRemoved, long unattributable) {
    static final Result NONE = new Result(0, 0, 0);
  }

  /** How often a long archive calls its tick: far inside any sensible heartbeat timeout. */
  static final long TICK_NANOS = 1_000_000_000L;

  private final ObjectMapper json;
  private final TenantId tenant;

  /**
   * {@code tenant} null: a filter that removes nothing (to read which tenants an archive holds).
   */
  ArchiveFilter(ObjectMapper json, TenantId tenant) {
    this.json = json;
    this.tenant = tenant;
  }

  TenantId tenant() {
    return tenant;
  }

  /**
   * Copies {@code gzipIn} to {@code out} (gzip'd) without the tenant's lines; with a null {@code
   * out} it only counts. A line nobody can attribute (not JSON, not an object, no string tenant_id)
   * is kept, because deleting it could destroy another tenant's data; it is counted and logged by
   * key and line number, never by content, which may hold personal data. Blank lines are kept and
   * not counted. {@code tick} runs about once a second while a large archive streams (the activity
   * heartbeats there, and the archive's lease is renewed).
   */
  Result filter(InputStream gzipIn, OutputStream out, String key, Runnable tick)
      throws IOException {
    return filter(gzipIn, out, key, tick, new HashSet<>());
  }

  /** As above; adds every tenant id read (the tenant's own too) to {@code owners}. */
  Result filter(InputStream gzipIn, OutputStream out, String key, Runnable tick, Set<String> owners)
      throws IOException {
    Lines lines = new Lines(new GZIPInputStream(gzipIn, BUFFER));
    GZIPOutputStream gzipOut = out == null ? null : new GZIPOutputStream(out, BUFFER);
    long removed = 0;
    long removedBytes = 0;
    long unattributable = 0;
    long firstUnattributable = 0;
    long nextTick = System.nanoTime() + TICK_NANOS;
    for (long lineNo = 1; lines.next(); lineNo++) {
      if (System.nanoTime() - nextTick >= 0) {
        tick.run();
        nextTick = System.nanoTime() + TICK_NANOS;
      }
      String owner = ownerOf(lines.buf, lines.len);
      if (owner != null) {
        owners.add(owner);
      }
      if (tenant != null && tenant.value().equals(owner)) {
        removed++;
        removedBytes += lines.len;
        continue;
      }
      if (owner == null && !lines.isBlank() && unattributable++ == 0) {
        firstUnattributable = lineNo;
      }
      if (gzipOut != null) {
        gzipOut.write(lines.buf, 0, lines.len);
      }
    }
    if (gzipOut != null) {
      gzipOut.finish();
    }
    if (unattributable > 0) {
      log.warn(
          "{}: kept {} line(s) without a tenant_id (first at line {})",
          key,
          unattributable,
          firstUnattributable);
    }
    return new Result(removed, removedBytes, unattributable);
  }

  /** The line's top-level string {@code tenant_id}, or null when it has none we can read. */
  private String ownerOf(byte[] line, int len) {
    try (JsonParser p = json.getFactory().createParser(line, 0, len)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("tenant_id".equals(field)) {
          return value == JsonToken.VALUE_STRING ? p.getText() : null;
        }
        p.skipChildren();
      }
      return null;
    } catch (IOException notJson) {
      return null;
    }
  }

  /** Raw lines, {@code \n} included; the last one may lack it. The buffer grows for long lines. */
  private static final class Lines {
    private final InputStream in;
    private final byte[] chunk = new byte[BUFFER];
    private int pos;
    private int end;
    byte[] buf = new byte[8192];
    int len;

    Lines(InputStream in) {
      this.in = in;
    }

    boolean next() throws IOException {
      len = 0;
      while (true) {
        if (pos == end) {
          int n = in.read(chunk);
          if (n < 0) {
            return len > 0;
          }
          pos = 0;
          end = n;
        }
        int start = pos;
        while (pos < end && chunk[pos] != '\n') {
          pos++;
        }
        boolean newline = pos < end;
        if (newline) {
          pos++;
        }
        append(start, pos - start);
        if (newline) {
          return true;
        }
      }
    }

    boolean isBlank() {
      for (int i = 0; i < len; i++) {
        if (!Character.isWhitespace(buf[i])) {
          return false;
        }
      }
      return true;
    }

    private void append(int from, int count) {
      if (len + count > buf.length) {
        buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + count));
      }
      System.arraycopy(chunk, from, buf, len, count);
      len += count;
    }
  }
}
