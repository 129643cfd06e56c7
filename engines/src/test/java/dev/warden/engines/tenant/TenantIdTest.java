package dev.warden.engines.tenant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"acme", "acme-eu", "a1", "0tenant", "x-y-z-9"})
  void givenIdsThatFollowTheRule_whenValidated_thenTheyAreKeptAsIs(String value) {
    assertThat(TenantId.of(value).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "a",
        "acme/eu",
        "../acme",
        "acme..",
        "ac*me",
        "ac%2fme",
        "acme eu",
        " acme",
        "acme\n",
        "\tacme",
        "Acme",
        "ACME",
        "acmé",
        "аcme", // Cyrillic a
        "-acme",
        "acme_eu",
        "acme.txt"
      })
  void givenIdsThatBreakTheRule_whenValidated_thenTheErrorNamesTheRule(String value) {
    assertThatThrownBy(() -> TenantId.of(value))
        .isInstanceOf(InvalidIdentifierException.class)
        .hasMessageContaining("tenantId")
        .hasMessageContaining(TenantId.RULE);
  }

  @org.junit.jupiter.api.Test
  void givenNullOrOverLongIds_whenValidated_thenTheyAreRejected() {
    assertThatThrownBy(() -> TenantId.of(null)).hasMessageContaining("(missing)");
    String longest = "a".repeat(63);
    assertThat(TenantId.of(longest).value()).hasSize(63);
    assertThatThrownBy(() -> TenantId.of(longest + "a"))
        .isInstanceOf(InvalidIdentifierException.class);
  }

  @org.junit.jupiter.api.Test
  void givenControlCharacters_whenRejected_thenTheMessageShowsThemEscaped() {
    assertThatThrownBy(() -> TenantId.of("ac\u0000me")).hasMessageContaining("\\u0000");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Prod", "prod/eu", "1prod", "prod eu", "prod-eu"})
  void givenBadEnvironments_whenValidated_thenTheyAreRejected(String value) {
    assertThatThrownBy(() -> Env.of(value)).isInstanceOf(InvalidIdentifierException.class);
  }
}
