package dev.warden.engines.killswitch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.tenant.TenantId;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * A replica that loses PostgreSQL keeps answering from its snapshot only while that is younger than
 * the staleness bound, then refuses to answer, and recovers by itself. The outage is real: the
 * replica's data source is pointed at a port where nothing listens.
 */
@ExtendWith(DevStackExtension.class)
class KillSwitchFailClosedIT {

  private static final String NOWHERE = "jdbc:postgresql://127.0.0.1:1/warden?connectTimeout=1";

  private final KillSwitchFixture f = new KillSwitchFixture();
  private final KillSwitchQuery query =
      KillSwitchQuery.of(f.env, TenantId.of("acme"), KillSwitchAction.PURGE, Provider.S3);

  @AfterEach
  void tearDown() {
    f.close();
  }

  @Test
  void givenTheDatabaseBecomesUnreachable_whenTheSnapshotIsStale_thenChecksFailClosedUntilBack()
      throws Exception {
    f.service.engage(KillSwitchSpec.global().withEnv(f.env), "frozen", "user:ops", null, null);
    DriverManagerDataSource dataSource =
        new DriverManagerDataSource(
            f.endpoints.jdbcUrl(), f.endpoints.dbUser(), f.endpoints.dbPassword());
    KillSwitchProperties fast =
        new KillSwitchProperties(Duration.ofMillis(100), Duration.ofMillis(500));
    try (CachedKillSwitches replica =
        new CachedKillSwitches(
                new KillSwitchStore(JdbcClient.create(dataSource)), null, fast, Clock.systemUTC())
            .start()) {
      assertThat(replica.check(query).blocked()).isTrue();

      dataSource.setUrl(NOWHERE);

      await()
          .atMost(Duration.ofSeconds(5))
          .untilAsserted(
              () ->
                  assertThatThrownBy(() -> replica.check(query))
                      .isInstanceOf(KillSwitchUnavailableException.class)
                      .hasMessageContaining("last refreshed"));
      assertThat(replica.staleness()).isGreaterThan(Duration.ofMillis(500));

      // Released during the outage: the replica must learn it, not keep the old answer forever.
      f.service.release(KillSwitchSpec.global().withEnv(f.env), "thawed", "user:ops", null);
      dataSource.setUrl(f.endpoints.jdbcUrl());

      await()
          .atMost(Duration.ofSeconds(5))
          .ignoreException(KillSwitchUnavailableException.class)
          .until(() -> replica.check(query).allowed());
    }
  }
}
