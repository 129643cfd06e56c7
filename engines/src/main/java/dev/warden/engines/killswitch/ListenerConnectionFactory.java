package dev.warden.engines.killswitch;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Opens the kill-switch listener's own connection to the database the writers use. Not a pooled
 * connection: a pool would recycle it (and with it the LISTEN) behind the listener's back.
 */
@FunctionalInterface
public interface ListenerConnectionFactory {

  Connection open() throws SQLException;

  /** The listener shows up in {@code pg_stat_activity} as {@value #APPLICATION_NAME}. */
  String APPLICATION_NAME = "warden-kill-switch-listener";

  /** A pgjdbc connection per call; an {@code ApplicationName} in the URL takes precedence. */
  static ListenerConnectionFactory driverManager(String url, String user, String password) {
    return () -> {
      Properties properties = new Properties();
      if (user != null) {
        properties.setProperty("user", user);
      }
      if (password != null) {
        properties.setProperty("password", password);
      }
      properties.setProperty("ApplicationName", APPLICATION_NAME);
      properties.setProperty("tcpKeepAlive", "true");
      return DriverManager.getConnection(url, properties);
    };
  }
}
