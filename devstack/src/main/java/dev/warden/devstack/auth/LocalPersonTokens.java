package dev.warden.devstack.auth;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A person's access token from the local authorization server, got the way the console gets one:
 * authorization code with PKCE through the sign-in form of {@link LocalUsers}, as the console's
 * client. Unlike {@link LocalTokens}' client-credentials tokens, it carries {@link
 * LocalUsers#PERSON_CLAIM}: what a purge's second approver needs. For tests and scripts.
 */
public final class LocalPersonTokens {

  private static final Pattern CSRF =
      Pattern.compile("name=\"_csrf\"\\s+type=\"hidden\"\\s+value=\"([^\"]+)\"");
  private static final Pattern CSRF_ANY_ORDER =
      Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]+)\"");
  private static final Pattern CODE = Pattern.compile("[?&]code=([^&]+)");
  private static final Pattern ACCESS_TOKEN =
      Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

  private final String issuer;
  private final SecureRandom random = new SecureRandom();

  public LocalPersonTokens(String issuer) {
    this.issuer = issuer;
  }

  /** Signs {@code user} in (password {@link LocalUsers#passwordOf}) and returns their token. */
  public String token(String user) {
    // A fresh cookie jar per sign-in: one person's session never carries over to the next.
    HttpClient http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    String verifier = randomText();
    String authorize =
        issuer
            + "/oauth2/authorize?"
            + form(
                Map.of(
                    "response_type",
                    "code",
                    "client_id",
                    LocalUsers.CONSOLE_CLIENT,
                    "redirect_uri",
                    LocalUsers.CONSOLE_REDIRECT,
                    "state",
                    randomText(),
                    "code_challenge",
                    challenge(verifier),
                    "code_challenge_method",
                    "S256"));
    try {
      send(http, get(authorize)); // no session yet: the server saves it and asks for a sign-in
      HttpResponse<String> page = send(http, get(issuer + "/login"));
      Map<String, String> signIn = new LinkedHashMap<>();
      signIn.put("username", user);
      signIn.put("password", LocalUsers.passwordOf(user));
      signIn.put("_csrf", csrf(page.body()));
      HttpResponse<String> signedIn = send(http, post(issuer + "/login", form(signIn)));
      String next = location(signedIn, "sign-in of " + user);
      HttpResponse<String> authorized = send(http, get(URI.create(issuer).resolve(next)));
      String redirect = location(authorized, "authorization of " + user);
      Matcher code = CODE.matcher(redirect);
      if (!code.find()) {
        throw new IllegalStateException("no code for " + user + " in " + redirect);
      }
      Map<String, String> exchange = new LinkedHashMap<>();
      exchange.put("grant_type", "authorization_code");
      exchange.put("code", URLDecoder.decode(code.group(1), StandardCharsets.UTF_8));
      exchange.put("redirect_uri", LocalUsers.CONSOLE_REDIRECT);
      exchange.put("client_id", LocalUsers.CONSOLE_CLIENT);
      exchange.put("code_verifier", verifier);
      HttpResponse<String> token = send(http, post(issuer + "/oauth2/token", form(exchange)));
      Matcher access = ACCESS_TOKEN.matcher(token.body());
      if (token.statusCode() != 200 || !access.find()) {
        throw new IllegalStateException(
            "token request for " + user + " failed: " + token.statusCode() + " " + token.body());
      }
      return access.group(1);
    } catch (IOException e) {
      throw new IllegalStateException("cannot reach the authorization server at " + issuer, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while signing " + user + " in", e);
    }
  }

  private static HttpRequest get(String uri) {
    return get(URI.create(uri));
  }

  private static HttpRequest get(URI uri) {
    return HttpRequest.newBuilder(uri)
        .timeout(Duration.ofSeconds(10))
        .header("Accept", "text/html")
        .GET()
        .build();
  }

  private static HttpRequest post(String uri, String form) {
    return HttpRequest.newBuilder(URI.create(uri))
        .timeout(Duration.ofSeconds(10))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form))
        .build();
  }

  private static HttpResponse<String> send(HttpClient http, HttpRequest request)
      throws IOException, InterruptedException {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static String location(HttpResponse<String> response, String what) {
    return response
        .headers()
        .firstValue("Location")
        .orElseThrow(
            () ->
                new IllegalStateException(
                    what
                        + " was not redirected: "
                        + response.statusCode()
                        + " "
                        + response.body()));
  }

  private static String csrf(String page) {
    Matcher m = CSRF.matcher(page);
    if (m.find()) {
      return m.group(1);
    }
    Matcher any = CSRF_ANY_ORDER.matcher(page);
    if (any.find()) {
      return any.group(1);
    }
    throw new IllegalStateException("no CSRF token on the sign-in page");
  }

  private String randomText() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static String challenge(String verifier) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            e ->
                URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
