package dev.warden.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.events.DatasetEventStore;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.killswitch.KillSwitchEvaluator;
import dev.warden.engines.killswitch.KillSwitchQuery;
import dev.warden.engines.killswitch.KillSwitchService;
import dev.warden.engines.killswitch.KillSwitchSpec;
import dev.warden.engines.killswitch.KillSwitchStore;
import dev.warden.engines.killswitch.Provider;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.DbFixture;
import dev.warden.engines.testing.DevStackProperties;
import java.time.Clock;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A switch engaged by another process (an API replica: its own connection, its own service) is seen
 * by the worker's evaluator, the one its purge activities check before every page, within one
 * second; so is its release.
 */
@ExtendWith(DevStackExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class WorkerKillSwitchPropagationIT {

  @Autowired KillSwitchEvaluator workerSwitches;

  @DynamicPropertySource
  static void servers(DynamicPropertyRegistry registry) {
    DevStackProperties.register(registry, "prod");
  }

  @Test
  void givenASwitchEngagedByAnotherReplica_whenTheWorkerChecks_thenItSeesItWithinOneSecond() {
    DbFixture db = new DbFixture(DevStackExtension.endpoints());
    KillSwitchService apiReplica =
        new KillSwitchService(
            new KillSwitchStore(db.jdbc()),
            new DatasetEventStore(db.jdbc(), new ObjectMapper()),
            new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())),
            Clock.systemUTC());
    TenantId tenant = TenantId.of("prop-" + UUID.randomUUID().toString().substring(0, 8));
    KillSwitchSpec scope = KillSwitchSpec.of(Env.of("prod"), tenant, null, KillSwitchAction.PURGE);
    KillSwitchQuery purgePage =
        KillSwitchQuery.of(Env.of("prod"), tenant, KillSwitchAction.PURGE, Provider.S3);

    apiReplica.engage(scope, "incident 9", "user:oncall", null, "t");
    long engagedSeen = millisUntil(() -> workerSwitches.check(purgePage).blocked());
    apiReplica.release(scope, "resolved", "user:oncall", "t");
    long releasedSeen = millisUntil(() -> workerSwitches.check(purgePage).allowed());

    System.out.printf(
        "worker saw engage after %d ms, release after %d ms%n", engagedSeen, releasedSeen);
    assertThat(engagedSeen).isLessThan(1_000);
    assertThat(releasedSeen).isLessThan(1_000);
  }

  private static long millisUntil(java.util.function.BooleanSupplier condition) {
    long start = System.nanoTime();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - start > 5_000_000_000L) {
        return Long.MAX_VALUE / 1_000_000;
      }
      Thread.onSpinWait();
    }
    return (System.nanoTime() - start) / 1_000_000;
  }
}
