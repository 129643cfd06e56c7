package dev.warden.engines.documents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.indexpurge.IndexFixture;
import dev.warden.engines.indexpurge.TenantIndexStore;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(DevStackExtension.class)
class TenantDocumentStoreIT {

  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId ACME_EU = TenantId.of("acme-eu");
  private static final DocumentId D1 = DocumentId.of("d1");

  private static IndexFixture fixture;
  private static TenantDocumentStore store;
  private Env env;

  @BeforeAll
  static void connect() {
    fixture = new IndexFixture();
    store = new TenantDocumentStore(fixture.client);
  }

  @BeforeEach
  void freshEnv() {
    env = Env.of("t" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36));
  }

  @Test
  void givenTwoTenantsWithTheSameDocId_whenEachSearchesAndFetches_thenEachSeesOnlyItsOwn()
      throws IOException {
    store.index(env, ACME, new TenantDocument(D1, "acme invoice march", Map.of("lang", "en")));
    store.index(env, ACME_EU, new TenantDocument(D1, "acme-eu invoice march", Map.of()));
    store.index(env, ACME_EU, new TenantDocument(DocumentId.of("d2"), "invoice april", null));
    refresh();

    TenantDocumentStore.Hits acme = store.search(env, ACME, "invoice", 10);
    TenantDocumentStore.Hits acmeEu = store.search(env, ACME_EU, "invoice", 10);

    assertThat(acme.total()).isEqualTo(1);
    assertThat(acme.hits())
        .extracting(TenantDocumentStore.Hit::document)
        .containsExactly(new TenantDocument(D1, "acme invoice march", Map.of("lang", "en")));
    assertThat(acmeEu.hits()).hasSize(2);
    assertThat(acmeEu.hits()).allMatch(h -> !h.document().text().startsWith("acme invoice"));
    assertThat(store.get(env, ACME, List.of(D1, DocumentId.of("d2"))))
        .containsOnlyKeys(D1)
        .containsEntry(D1, new TenantDocument(D1, "acme invoice march", Map.of("lang", "en")));
  }

  @Test
  void givenAnIndexedDocument_whenIndexedAgain_thenItIsReplacedNotDuplicated() throws IOException {
    TenantDocumentStore.Indexed first =
        store.index(env, ACME, new TenantDocument(D1, "first draft", null));
    TenantDocumentStore.Indexed second =
        store.index(env, ACME, new TenantDocument(D1, "second draft", null));
    refresh();

    assertThat(first.created()).isTrue();
    assertThat(second.created()).isFalse();
    assertThat(second.version()).isEqualTo(first.version() + 1);
    assertThat(second.index()).isEqualTo("docs-" + env.value());
    assertThat(store.search(env, ACME, "draft", 10).total()).isEqualTo(1);
    assertThat(store.get(env, ACME, List.of(D1)).get(D1).text()).isEqualTo("second draft");
  }

  @Test
  void givenNoIndexYet_whenSearchedOrFetched_thenNothingIsFound() {
    assertThat(store.search(env, ACME, "anything", 5).hits()).isEmpty();
    assertThat(store.get(env, ACME, List.of(D1))).isEmpty();
  }

  @Test
  void givenAnIndexMappingTenantIdAsText_whenIndexing_thenTheStoreRefusesToUseIt()
      throws IOException {
    String index = TenantIndexStore.docsIndex(env);
    fixture.client.index(i -> i.index(index).id("x").document(Map.of("tenant_id", "acme")));

    assertThatThrownBy(() -> store.index(env, ACME, new TenantDocument(D1, "t", null)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not keyword");
  }

  @Test
  void givenBadSearchParameters_whenSearched_thenRefused() {
    assertThatThrownBy(() -> store.search(env, ACME, " ", 5)).hasMessageContaining("q");
    assertThatThrownBy(() -> store.search(env, ACME, "x", 0)).hasMessageContaining("size");
    assertThatThrownBy(() -> store.search(env, ACME, "x", 101)).hasMessageContaining("size");
  }

  private void refresh() throws IOException {
    fixture.client.indices().refresh(r -> r.index(TenantIndexStore.docsIndex(env)));
  }
}
