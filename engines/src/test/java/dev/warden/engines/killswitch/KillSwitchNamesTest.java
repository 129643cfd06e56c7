package dev.warden.engines.killswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Provider and action names are validated at the edge, with a message that names the rule. */
class KillSwitchNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"s3", "opensearch", "llm:openai", "llm:a", "llm:mistral-large-2"})
  void givenAValidProviderName_whenParsed_thenItIsKept(String name) {
    assertThat(Provider.of(name).value()).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "S3",
        "gcs",
        "llm",
        "llm:",
        "llm:OpenAI",
        "llm:open_ai",
        "llm:a/b",
        " s3",
        "llm:abcdefghijklmnopqrstuvwxyz0123456"
      })
  void givenABadProviderName_whenParsed_thenItIsRefusedNamingTheRule(String name) {
    assertThatThrownBy(() -> Provider.of(name))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("provider")
        .hasMessageContaining("s3|opensearch|llm:[a-z0-9-]{1,32}");
  }

  @Test
  void givenActionIds_whenParsed_thenOnlyTheLowercaseNamesAreKnown() {
    assertThat(KillSwitchAction.of("reconcile")).isEqualTo(KillSwitchAction.RECONCILE);
    assertThat(List.of(KillSwitchAction.values()))
        .extracting(KillSwitchAction::id)
        .containsExactly("upload", "index", "search", "pack", "purge", "reconcile");
    for (String bad : new String[] {"PURGE", "delete", "", " purge"}) {
      assertThatThrownBy(() -> KillSwitchAction.of(bad))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("action")
          .hasMessageContaining("upload|index|search|pack|purge|reconcile");
    }
    assertThatThrownBy(() -> KillSwitchAction.of(null)).hasMessageContaining("(missing)");
  }

  @Test
  void givenScopeStrings_whenParsed_thenBadDimensionsAreRefusedAndKeysAreCanonical() {
    assertThat(KillSwitchSpec.parse(null, null, null, null).key()).isEqualTo("global");
    assertThat(KillSwitchSpec.parse("prod", "acme", "llm:openai", "search").key())
        .isEqualTo("env=prod,tenantId=acme,provider=llm:openai,action=search");
    assertThat(KillSwitchSpec.parse(null, "acme", null, "purge").specificity()).isEqualTo(2);
    assertThatThrownBy(() -> KillSwitchSpec.parse(null, "acme/..", null, null))
        .hasMessageContaining("tenantId");
    assertThatThrownBy(() -> KillSwitchSpec.parse(null, null, "S3", null))
        .hasMessageContaining("provider");
    assertThatThrownBy(() -> KillSwitchSpec.parse(null, null, null, "delete"))
        .hasMessageContaining("action");
  }

  @Test
  void givenQueryStrings_whenParsed_thenEnvIsRequiredAndProvidersAreValidatedAndDeduplicated() {
    KillSwitchQuery query = KillSwitchQuery.parse("prod", "acme", "purge", List.of("s3", "s3"));
    assertThat(query.providers()).containsExactly(Provider.S3);
    assertThat(query.tenant()).isEqualTo(TenantId.of("acme"));
    assertThat(query.env()).isEqualTo(Env.of("prod"));
    assertThatThrownBy(() -> KillSwitchQuery.parse("prod", null, null, List.of("llm:")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("provider 'llm:'");
    assertThatThrownBy(() -> KillSwitchQuery.parse(null, "acme", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("env");
  }
}
