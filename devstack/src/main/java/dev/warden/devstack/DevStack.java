package dev.warden.devstack;

import dev.warden.devstack.auth.LocalAuthServer;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warden's real dependencies on one machine: Temporal (dev server), S3Proxy, OpenSearch and
 * PostgreSQL (the last two unless external URLs are configured). Close it to stop them all.
 */
public final class DevStack implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DevStack.class);

  private final DevStackConfig config;
  private final DevStackEndpoints endpoints;
  private final Map<String, AutoCloseable> components; // in start order
  private final Map<String, Duration> startupTimes;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DevStack(
      DevStackConfig config,
      DevStackEndpoints endpoints,
      Map<String, AutoCloseable> components,
      Map<String, Duration> startupTimes) {
    this.config = config;
    this.endpoints = endpoints;
    this.components = components;
    this.startupTimes = startupTimes;
  }

  /**
   * Starts every component and returns once all answer. OpenSearch (slow: unpack + JVM start) and
   * PostgreSQL (initdb on first run) start on background threads while Temporal and S3Proxy start
   * on this one ({@link ComponentStarts}). If anything fails, whatever did start is stopped again
   * before this throws.
   */
  public static DevStack start(DevStackConfig config) {
    Logging.quietServerLibraries();
    log.info("Starting devstack (data in {})", config.dataDir());
    // In-process servers cannot be left over from a crashed run: a busy port is a real conflict,
    // so fail before launching anything. (OpenSearch and PostgreSQL first stop their leftovers.)
    try {
      Ports.requireFree(config.temporalPort(), "Temporal");
      Ports.requireFree(config.s3Port(), "S3Proxy");
      if (config.authPort() != 0) {
        Ports.requireFree(config.authPort(), "Auth server");
      }
    } catch (IllegalStateException e) {
      deleteDataDirIfEphemeral(config);
      throw e;
    }
    ComponentStarts starts = new ComponentStarts();
    if (!config.usesExternalOpenSearch()) {
      starts.inBackground(
          "OpenSearch",
          () ->
              OpenSearchServer.start(
                  config.openSearchPort(),
                  config.openSearchTransportPort(),
                  config.dataDir().resolve("opensearch")));
    }
    if (!config.usesExternalDb()) {
      starts.inBackground(
          "PostgreSQL",
          () -> PostgresServer.start(config.dbPort(), config.dataDir().resolve("postgres")));
    }
    starts.here(
        "Temporal",
        () ->
            TemporalServer.start(
                config.temporalPort(),
                config.temporalUiPort(),
                config.dataDir().resolve("temporal"),
                java.util.Optional.ofNullable(config.temporalCli()),
                java.util.Optional.ofNullable(config.temporalUiCodecEndpoint())));
    starts.here("S3Proxy", () -> startS3(config));
    if (config.authPort() != 0 && LocalAuthServer.available()) {
      starts.here("Auth server", () -> LocalAuthServer.start(config.authPort()));
    }
    RuntimeException failure = starts.awaitAll();

    DevStack stack =
        new DevStack(config, endpointsOf(config, starts.started), starts.started, starts.times);
    if (failure != null) {
      stack.close();
      throw new IllegalStateException("devstack failed to start: " + failure.getMessage(), failure);
    }
    log.info("Devstack started: {}", String.join(", ", stack.summary()));
    return stack;
  }

  private static S3ProxyServer startS3(DevStackConfig config) {
    S3ProxyServer s3 =
        S3ProxyServer.start(
            config.s3Port(),
            config.s3Store(),
            config.dataDir().resolve("s3"),
            config.s3AccessKey(),
            config.s3SecretKey());
    try {
      return s3.ensureBucket(config.s3Bucket());
    } catch (RuntimeException e) {
      s3.close();
      throw e;
    }
  }

  private static DevStackEndpoints endpointsOf(
      DevStackConfig config, Map<String, AutoCloseable> started) {
    TemporalServer temporal = (TemporalServer) started.get("Temporal");
    S3ProxyServer s3 = (S3ProxyServer) started.get("S3Proxy");
    OpenSearchServer search = (OpenSearchServer) started.get("OpenSearch");
    PostgresServer db = (PostgresServer) started.get("PostgreSQL");
    LocalAuthServer auth = (LocalAuthServer) started.get("Auth server");
    return new DevStackEndpoints(
        temporal == null ? null : temporal.target(),
        s3 == null ? null : s3.endpoint(),
        DevStackEndpoints.S3_REGION,
        config.s3AccessKey(),
        config.s3SecretKey(),
        config.s3Bucket(),
        config.usesExternalOpenSearch()
            ? config.externalOpenSearchUrl()
            : search == null ? null : search.url(),
        config.usesExternalDb() ? config.externalDbUrl() : db == null ? null : db.jdbcUrl(),
        config.dbUser(),
        config.dbPassword(),
        auth == null ? null : auth.issuer(),
        temporal == null ? null : temporal.uiUrl(),
        // The embedded PostgreSQL has the split roles: the apps log in as a member of warden_app.
        config.usesExternalDb() ? config.dbUser() : PostgresServer.APP_USER,
        config.usesExternalDb() ? config.dbPassword() : PostgresServer.APP_PASSWORD);
  }

  public DevStackEndpoints endpoints() {
    return endpoints;
  }

  public DevStackConfig config() {
    return config;
  }

  /** How long each started component took to become ready, in start-completion order. */
  public Map<String, Duration> startupTimes() {
    synchronized (startupTimes) {
      return Map.copyOf(startupTimes);
    }
  }

  /** One line per server: what it is and where it answers. */
  public List<String> summary() {
    List<String> lines = new ArrayList<>();
    TemporalServer temporal;
    synchronized (components) {
      temporal = (TemporalServer) components.get("Temporal");
    }
    lines.add(temporal == null ? "Temporal  " + endpoints.temporalTarget() : temporal.summary());
    lines.add(
        "S3Proxy ("
            + config.s3Store().id()
            + ")  "
            + endpoints.s3Endpoint()
            + "  bucket "
            + endpoints.s3Bucket());
    lines.add(
        (config.usesExternalOpenSearch() ? "OpenSearch (external)  " : "OpenSearch  ")
            + endpoints.openSearchUrl());
    lines.add(
        (config.usesExternalDb() ? "PostgreSQL (external)  " : "PostgreSQL (embedded)  ")
            + endpoints.jdbcUrl());
    if (endpoints.authIssuerUri() != null) {
      lines.add("OAuth2 authorization server  " + endpoints.authIssuerUri());
    }
    return lines;
  }

  /** Stops every started component (newest first), then drops a test stack's data directory. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    List<Map.Entry<String, AutoCloseable>> reversed;
    synchronized (components) {
      reversed = new ArrayList<>(components.entrySet());
    }
    Collections.reverse(reversed);
    for (Map.Entry<String, AutoCloseable> component : reversed) {
      long t0 = System.nanoTime();
      try {
        component.getValue().close();
        log.info(
            "{} stopped in {} ms",
            component.getKey(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
      } catch (Exception e) {
        log.warn("{} did not stop cleanly", component.getKey(), e);
      }
    }
    deleteDataDirIfEphemeral(config);
  }

  private static void deleteDataDirIfEphemeral(DevStackConfig config) {
    if (config.deleteDataDirOnClose()) {
      try {
        OpenSearchDistribution.deleteRecursively(config.dataDir());
      } catch (IOException e) {
        log.warn("Cannot delete {}", config.dataDir(), e);
      }
    }
  }
}
