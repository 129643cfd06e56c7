package dev.warden.engines.indexpurge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.opensearch.UnpurgeableIndexException;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opensearch.client.json.JsonData;
import org.opensearch.client.opensearch.core.bulk.BulkOperation;

/**
 * Log indices as shippers create them: dynamic mapping (tenant_id text + keyword sub-field),
 * aliases and data streams. Each is purged exactly; only an index with no exact field is refused.
 */
@ExtendWith(DevStackExtension.class)
class LogIndexShapesIT {

  private static final TenantId ACME = TenantId.of("acme");
  private static final List<String> OTHERS = List.of("acme-eu", "eu-acme", "acme2");

  private static IndexFixture fixture;
  private static TenantIndexStore store;
  private Env env;
  private String pattern;

  @BeforeAll
  static void connect() {
    fixture = new IndexFixture();
    store = new TenantIndexStore(fixture.client);
  }

  @BeforeEach
  void freshEnv() {
    env = Env.of("t" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36));
    pattern = TenantIndexStore.logsPattern(env);
  }

  @Test
  void givenADynamicallyMappedLogIndex_whenPurged_thenExactlyAcmeGoesThroughTheKeywordField()
      throws Exception {
    String index = "logs-" + env + "-fluentbit";
    // No mapping: dynamic mapping makes tenant_id text ("acme-eu" → tokens acme, eu) + keyword.
    write(index, false, 120);

    assertThat(store.unpurgeable(pattern)).isEmpty();
    assertThat(store.count(ACME, pattern)).isEqualTo(120);
    Map<String, String> others = othersThanAcme(pattern);
    IndexCursor done = store.purgeAll(ACME, pattern, IndexCursor.START, 50, c -> {});

    assertThat(done.deleted()).isEqualTo(120);
    assertThat(store.count(ACME, pattern)).isZero();
    assertThat(store.count(TenantId.of("acme-eu"), pattern)).isEqualTo(120);
    assertThat(othersThanAcme(pattern)).isEqualTo(others).hasSize(3 * 120);
  }

  @Test
  void givenTenantIdAsTextWithoutAKeyword_whenChecked_thenItIsUnpurgeableAndNeverCountedClean()
      throws Exception {
    String index = "logs-" + env + "-textonly";
    fixture
        .client
        .indices()
        .create(c -> c.index(index).mappings(m -> m.properties("tenant_id", p -> p.text(t -> t))));
    write(index, false, 5);

    assertThat(store.unpurgeable(pattern)).singleElement().asString().contains(index, "text");
    assertThatThrownBy(() -> store.count(ACME, pattern))
        .isInstanceOf(UnpurgeableIndexException.class)
        .hasMessageContaining(index);
    assertThatThrownBy(() -> store.purgeAll(ACME, pattern, IndexCursor.START, 50, c -> {}))
        .isInstanceOf(UnpurgeableIndexException.class);
  }

  @Test
  void givenAnAliasUnderTheLogsPattern_whenPurged_thenTheIndexBehindItIsCleaned() throws Exception {
    String hidden = "applogs-" + env; // not under logs-{env}-*, reached through the alias
    fixture.createIndex(hidden);
    write(hidden, false, 30);
    fixture.client.indices().putAlias(a -> a.index(hidden).name("logs-" + env + "-current"));
    Map<String, String> others = othersThanAcme(hidden);

    store.purgeAll(ACME, pattern, IndexCursor.START, 50, c -> {});

    assertThat(store.indices(pattern)).containsExactly(hidden);
    assertThat(store.count(ACME, pattern)).isZero();
    assertThat(othersThanAcme(hidden)).isEqualTo(others).hasSize(90);
  }

  @Test
  void givenADataStreamUnderTheLogsPattern_whenPurged_thenItsBackingIndicesAreCleaned()
      throws Exception {
    String stream = "logs-" + env + "-stream";
    fixture
        .client
        .indices()
        .putIndexTemplate(
            t -> t.name("it-" + env).indexPatterns(stream).dataStream(d -> d).priority(500));
    write(stream, true, 40);
    Map<String, String> others = othersThanAcme(stream);

    IndexCursor done = store.purgeAll(ACME, pattern, IndexCursor.START, 25, c -> {});

    assertThat(store.indices(pattern)).allMatch(i -> i.startsWith(".ds-" + stream));
    assertThat(done.deleted()).isEqualTo(40);
    assertThat(store.count(ACME, pattern)).isZero();
    assertThat(othersThanAcme(stream)).isEqualTo(others).hasSize(120);
  }

  /** {@code perTenant} lines of acme and of each neighbour; data streams need op_type create. */
  private void write(String target, boolean dataStream, int perTenant) throws IOException {
    List<BulkOperation> ops = new ArrayList<>();
    for (String tenant : concat(ACME.value(), OTHERS)) {
      for (int n = 0; n < perTenant; n++) {
        Map<String, Object> doc =
            Map.of(
                "tenant_id", tenant,
                "message", "GET /login by " + tenant,
                "@timestamp", "2026-11-01T00:00:" + String.format("%02d", n % 60) + "Z");
        String id = tenant + "-" + n;
        ops.add(
            dataStream
                ? BulkOperation.of(o -> o.create(c -> c.index(target).id(id).document(doc)))
                : BulkOperation.of(o -> o.index(i -> i.index(target).id(id).document(doc))));
      }
    }
    var response =
        fixture.client.bulk(
            b -> b.operations(ops).refresh(org.opensearch.client.opensearch._types.Refresh.True));
    assertThat(response.errors()).as("bulk errors").isFalse();
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>(List.of(first));
    all.addAll(rest);
    return all;
  }

  /** Every document whose source tenant_id is not exactly acme: id to source. */
  private Map<String, String> othersThanAcme(String target) throws IOException {
    fixture.client.indices().refresh(r -> r.index(target));
    Map<String, String> out = new TreeMap<>();
    fixture
        .client
        .search(s -> s.index(target).size(10_000).query(q -> q.matchAll(m -> m)), JsonData.class)
        .hits()
        .hits()
        .forEach(
            h -> {
              String json = h.source().toJson().toString();
              if (!h.source().toJson().asJsonObject().getString("tenant_id").equals("acme")) {
                out.put(h.id(), json);
              }
            });
    return out;
  }
}
