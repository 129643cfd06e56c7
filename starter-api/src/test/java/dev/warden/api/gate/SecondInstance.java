package dev.warden.api.gate;

import dev.warden.api.WardenApiApplication;
import dev.warden.engines.testing.DevStackProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Another API replica in this JVM, on the same devstack (and the same rate-limit key prefix). */
final class SecondInstance implements AutoCloseable {

  final ConfigurableApplicationContext context;
  final int port;

  private SecondInstance(ConfigurableApplicationContext context) {
    this.context = context;
    this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  /** {@code extra}: more {@code name=value} settings; command-line arguments outrank the yml. */
  static SecondInstance start(String... extra) {
    List<String> args = new ArrayList<>();
    DevStackProperties.register((name, value) -> args.add("--" + name + "=" + value.get()), "prod");
    args.add("--server.port=0");
    args.add("--spring.main.banner-mode=off");
    for (String setting : extra) {
      args.add("--" + setting);
    }
    return new SecondInstance(
        new SpringApplicationBuilder(WardenApiApplication.class).run(args.toArray(String[]::new)));
  }

  <T> T bean(Class<T> type) {
    return context.getBean(type);
  }

  @Override
  public void close() {
    context.close();
  }
}
