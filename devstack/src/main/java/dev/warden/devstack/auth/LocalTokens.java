package dev.warden.devstack.auth;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Gets access tokens from the local authorization server the way any client does: a
 * client-credentials request to {@code {issuer}/oauth2/token}. Tokens are reused until a minute
 * before they expire.
 */
public final class LocalTokens {

  private static final Pattern ACCESS_TOKEN =
      Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");
  private static final Duration REUSE = LocalClients.TOKEN_TTL.minusMinutes(1);

  private final String issuer;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  public LocalTokens(String issuer) {
    this.issuer = issuer;
  }

  /**
   * A token of {@code clientId} (see {@link LocalClients}); {@code tenantId} only for the tenant
   * client.
   */
  public String token(String clientId, String tenantId) {
    String key = clientId + "|" + tenantId;
    Cached cached = cache.get(key);
    if (cached != null && Instant.now().isBefore(cached.reuseUntil())) {
      return cached.token();
    }
    String token = request(clientId, tenantId);
    if (!LocalClients.EXPIRED.equals(clientId)) {
      cache.put(key, new Cached(token, Instant.now().plus(REUSE)));
    }
    return token;
  }

  /** A token for a role as {@code ./warden token ROLE} names it ({@code compliance-2} too). */
  public String forRole(String role) {
    return token(LocalClients.clientFor(role), null);
  }

  public String forTenant(String tenantId) {
    return token(LocalClients.clientFor("tenant"), tenantId);
  }

  private String request(String clientId, String tenantId) {
    String form =
        "grant_type=client_credentials"
            + (tenantId == null
                ? ""
                : "&"
                    + LocalClients.TENANT_PARAMETER
                    + "="
                    + URLEncoder.encode(tenantId, StandardCharsets.UTF_8));
    String basic =
        Base64.getEncoder()
            .encodeToString(
                (clientId + ":" + LocalClients.secretOf(clientId))
                    .getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Basic " + basic)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form))
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      Matcher token = ACCESS_TOKEN.matcher(response.body());
      if (response.statusCode() != 200 || !token.find()) {
        throw new IllegalStateException(
            "token request for "
                + clientId
                + " failed: "
                + response.statusCode()
                + " "
                + response.body());
      }
      return token.group(1);
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach the authorization server at " + issuer, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while getting a token", e);
    }
  }

  private record Cached(String token, Instant reuseUntil) {}
}
