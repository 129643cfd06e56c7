package dev.warden.devstack.auth;

/**
 * The devstack's OAuth2 authorization server (Spring Authorization Server, client-credentials
 * clients of {@link LocalClients}) on 127.0.0.1. Spring-free on its surface: the devstack loads the
 * Spring classes only when {@link #available()}.
 */
public final class LocalAuthServer implements AutoCloseable {

  private static final String MARKER =
      "org.springframework.security.oauth2.server.authorization.OAuth2Authorization";

  private final AutoCloseable context;
  private final String issuer;

  private LocalAuthServer(AutoCloseable context, String issuer) {
    this.context = context;
    this.issuer = issuer;
  }

  /**
   * Whether Spring Authorization Server is on the classpath (it is optional for devstack users).
   */
  public static boolean available() {
    try {
      Class.forName(MARKER, false, LocalAuthServer.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  public static LocalAuthServer start(int port) {
    String issuer = "http://127.0.0.1:" + port;
    return new LocalAuthServer(AuthServerLauncher.launch(port, issuer), issuer);
  }

  /** The issuer URI: the API's WARDEN_AUTH_ISSUER_URI; tokens at {@code {issuer}/oauth2/token}. */
  public String issuer() {
    return issuer;
  }

  @Override
  public void close() throws Exception {
    context.close();
  }
}
