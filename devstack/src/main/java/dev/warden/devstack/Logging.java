package dev.warden.devstack;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quiets the embedded servers' libraries programmatically. There is deliberately no logback.xml in
 * devstack's main resources: it would leak onto the test classpath of the Spring apps.
 */
final class Logging {
  private Logging() {}

  /** S3Proxy and its (shaded) Jetty log every request at DEBUG when nothing is configured. */
  static void quietServerLibraries() {
    setIfUnset("org.gaul", Level.WARN); // at INFO it only prints its (empty) CORS settings
    setIfUnset("org.gaul.shaded.org.eclipse.jetty", Level.WARN);
    setIfUnset("org.eclipse.jetty", Level.WARN);
    setIfUnset("org.jclouds", Level.WARN);
    // Temporal's test server and gRPC/Netty are chatty at DEBUG, too.
    setIfUnset("io.grpc", Level.INFO);
    setIfUnset("io.netty", Level.INFO);
    setIfUnset("io.temporal", Level.INFO);
    setIfUnset("io.zonky", Level.INFO);
    setIfUnset("org.postgresql", Level.INFO);
  }

  /** For DevStackMain: logback's unconfigured default is DEBUG for everything. */
  static void rootAtInfoUnlessConfigured() {
    if (System.getProperty("logback.configurationFile") == null
        && LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME) instanceof Logger root) {
      root.setLevel(Level.INFO);
    }
  }

  /** Leaves levels alone that a logging configuration already set explicitly. */
  private static void setIfUnset(String name, Level level) {
    if (LoggerFactory.getLogger(name) instanceof Logger logger && logger.getLevel() == null) {
      logger.setLevel(level);
    }
  }
}
