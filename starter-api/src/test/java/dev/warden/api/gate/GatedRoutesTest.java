package dev.warden.api.gate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.killswitch.Provider;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.web.method.HandlerMethod;

class GatedRoutesTest {

  static class Handlers {
    @Gated(
        action = KillSwitchAction.PACK,
        providers = {"s3", "opensearch"})
    void pack() {}

    @Gated(action = KillSwitchAction.PURGE, enforcedByHandler = true)
    void purge() {}

    @Gated(action = KillSwitchAction.UPLOAD, providers = "S3")
    void typo() {}

    void open() {}
  }

  private final GatedRoutes routes = new GatedRoutes(new DefaultListableBeanFactory());

  @Test
  void givenAGatedHandler_whenRead_thenItsActionAndProvidersAreParsed() throws Exception {
    assertThat(routes.find(handler("pack")))
        .contains(
            new GatedRoutes.Route(
                KillSwitchAction.PACK, List.of(Provider.S3, Provider.OPENSEARCH), false));
    assertThat(routes.find(handler("purge")))
        .contains(new GatedRoutes.Route(KillSwitchAction.PURGE, List.of(), true));
    assertThat(routes.find(handler("open"))).isEmpty();
  }

  @Test
  void givenAProviderTypo_whenRead_thenItFailsNamingTheMethodAndTheRule() {
    assertThatThrownBy(() -> routes.find(handler("typo")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("typo()")
        .hasMessageContaining(Provider.RULE);
  }

  private static HandlerMethod handler(String name) throws NoSuchMethodException {
    return new HandlerMethod(new Handlers(), Handlers.class.getDeclaredMethod(name));
  }
}
