package dev.warden.devstack;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * JUnit 5 extension: ONE devstack per test JVM, started on first use with {@link
 * DevStackConfig#forTests()} and stopped when the test run ends.
 *
 * <p>Use {@code @ExtendWith(DevStackExtension.class)} or {@link WithDevStack}; read endpoints via a
 * {@link DevStackEndpoints} test parameter or {@link #endpoints()} (also from a Spring
 * {@code @DynamicPropertySource} method, which may run before any JUnit callback: the stack then
 * starts right there).
 *
 * <p>With WARDEN_DEVSTACK_EXTERNAL=true nothing is started: the endpoints come from the WARDEN_*
 * variables (a single devstack process serving a whole multi-module test run).
 */
public final class DevStackExtension implements BeforeAllCallback, ParameterResolver {
  private static final Logger log = LoggerFactory.getLogger(DevStackExtension.class);
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(DevStackExtension.class);

  // Guarded by DevStackExtension.class.
  private static DevStack stack;
  private static DevStackEndpoints endpoints;
  private static RuntimeException startFailure;
  private static boolean shutdownHookAdded;

  /** The shared stack's endpoints, starting it if this is the first use in this JVM. */
  public static synchronized DevStackEndpoints endpoints() {
    if (endpoints != null) {
      return endpoints;
    }
    if (startFailure != null) {
      // Fail fast: every further test class would otherwise wait for another failing start.
      throw new IllegalStateException("devstack failed to start earlier", startFailure);
    }
    if ("true".equalsIgnoreCase(System.getenv("WARDEN_DEVSTACK_EXTERNAL"))) {
      endpoints = DevStackEndpoints.fromEnv(System.getenv());
      log.info("Using the external devstack from WARDEN_* variables: {}", endpoints.asEnv());
      return endpoints;
    }
    try {
      stack = DevStack.start(DevStackConfig.forTests());
    } catch (RuntimeException e) {
      startFailure = e;
      throw e;
    }
    endpoints = stack.endpoints();
    log.info("Devstack for tests:\n  {}", String.join("\n  ", stack.summary()));
    if (!shutdownHookAdded) {
      // Safety net when no JUnit root store closes it (e.g. only endpoints() was called).
      Runtime.getRuntime()
          .addShutdownHook(new Thread(DevStackExtension::stop, "devstack-test-shutdown"));
      shutdownHookAdded = true;
    }
    return endpoints;
  }

  /** Stops the shared stack (idempotent); the next {@link #endpoints()} starts a new one. */
  static synchronized void stop() {
    if (stack != null) {
      log.info("Stopping the test devstack");
      stack.close();
      stack = null;
      endpoints = null;
    }
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    endpoints();
    // The root store is closed once, when the whole test run in this JVM is over.
    context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(
            StopAtEndOfRun.class, k -> new StopAtEndOfRun(), StopAtEndOfRun.class);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == DevStackEndpoints.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return endpoints();
  }

  private static final class StopAtEndOfRun implements ExtensionContext.Store.CloseableResource {
    @Override
    public void close() {
      stop();
    }
  }
}
