package dev.warden.engines.indexpurge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Argument checks that must fail before any request reaches OpenSearch (no client here). */
class TenantIndexStoreTest {

  private final TenantIndexStore store = new TenantIndexStore(null);

  @Test
  void givenAnEnv_whenNamingIndices_thenDocsIsOneIndexAndLogsIsAPattern() {
    assertThat(TenantIndexStore.docsIndex(Env.of("prod"))).isEqualTo("docs-prod");
    assertThat(TenantIndexStore.logsPattern(Env.of("prod"))).isEqualTo("logs-prod-*");
  }

  @ParameterizedTest
  @ValueSource(strings = {"logs-prod-*", "docs-a,docs-b", "_all", "docs-?", " "})
  void givenAPatternOrList_whenPurged_thenRefusedBeforeAnyRequest(String index) {
    assertThatThrownBy(
            () -> store.purge(TenantId.of("acme"), index, IndexCursor.START, 10, c -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("one concrete index");
  }

  @Test
  void givenACursorOfAnotherIndex_whenPurged_thenRefused() {
    IndexCursor other = new IndexCursor("docs-staging", 5, 1);

    assertThatThrownBy(() -> store.purge(TenantId.of("acme"), "docs-prod", other, 10, c -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("docs-staging");
  }

  @ParameterizedTest
  @ValueSource(ints = {0, -1, TenantIndexStore.MAX_LANES + 1})
  void givenLanesOutOfBounds_whenPurged_thenRefusedBeforeAnyRequest(int lanes) {
    assertThatThrownBy(
            () ->
                store.purge(
                    TenantId.of("acme"),
                    "docs-prod",
                    IndexCursor.START,
                    10,
                    lanes,
                    IndexJournal.NONE,
                    c -> {}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("index lanes must be between 1 and 32");
  }
}
