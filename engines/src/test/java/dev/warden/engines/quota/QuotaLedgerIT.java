package dev.warden.engines.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.devstack.DevStackExtension;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.engines.testing.DbFixture;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@ExtendWith(DevStackExtension.class)
class QuotaLedgerIT {

  private static final Env ENV = Env.of("prod");
  private static final Instant NOON = Instant.parse("2026-11-29T12:00:00Z");

  private DbFixture db;
  private TenantId tenant;

  @BeforeEach
  void setUp() {
    db = new DbFixture(DevStackExtension.endpoints());
    tenant = TenantId.of("q-" + UUID.randomUUID().toString().substring(0, 8));
  }

  private QuotaLedger ledger(QuotaDefaults defaults, Instant now) {
    return new QuotaLedger(
        db.jdbc(),
        new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())),
        new ObjectMapper(),
        defaults,
        Clock.fixed(now, ZoneOffset.UTC));
  }

  private QuotaReservations reservations(QuotaLedger ledger) {
    return new QuotaReservations(
        ledger,
        db.jdbc(),
        new TransactionTemplate(new DataSourceTransactionManager(db.dataSource())),
        Clock.fixed(NOON, ZoneOffset.UTC));
  }

  @Test
  void given64ConcurrentReservationsForAQuotaThatFits10_whenTheyRace_thenExactly10Succeed()
      throws Exception {
    QuotaLedger ledger = ledger(new QuotaDefaults(10_000, 100), NOON);
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    List<Callable<Boolean>> calls = new ArrayList<>();
    for (int i = 0; i < 64; i++) {
      String key = "tenants/" + tenant + "/uploads/" + i;
      calls.add(
          () -> {
            start.await();
            try {
              reservations(ledger)
                  .reserve(tenant, ENV, key, 1_000, NOON.plusSeconds(900), "user:a", "t");
              return true;
            } catch (QuotaExceededException e) {
              assertThat(e.quota()).isEqualTo(QuotaKind.STORAGE_BYTES);
              assertThat(e.limit()).isEqualTo(10_000);
              assertThat(e.requested()).isEqualTo(1_000);
              assertThat(e.used() + e.reserved()).isGreaterThan(9_000);
              return false;
            }
          });
    }
    List<Future<Boolean>> results = calls.stream().map(pool::submit).toList();
    start.countDown();
    int admitted = 0;
    for (Future<Boolean> f : results) {
      admitted += f.get() ? 1 : 0;
    }
    pool.shutdown();

    assertThat(admitted).isEqualTo(10);
    TenantQuota row = ledger.get(tenant, ENV);
    assertThat(row.storageBytesReserved()).isEqualTo(10_000);
    assertThat(row.storageBytesUsed()).isZero();
    assertThat(
            db.jdbc()
                .sql("select count(*), sum(bytes) from quota_reservations where tenant_id = ?")
                .param(tenant.value())
                .query((rs, n) -> List.of(rs.getLong(1), rs.getLong(2)))
                .single())
        .containsExactly(10L, 10_000L);
  }

  @Test
  void givenAReservation_whenSettledWithTheStoredSize_thenBytesMoveFromReservedToUsedOnce() {
    QuotaLedger ledger = ledger(new QuotaDefaults(10_000, 100), NOON);
    Reservation r =
        reservations(ledger)
            .reserve(tenant, ENV, "tenants/" + tenant + "/a", 4_000, NOON, "user:a", "t");

    assertThat(reservations(ledger).settle(r.reservationId(), 3_500L)).isTrue();
    assertThat(reservations(ledger).settle(r.reservationId(), 3_500L)).isFalse();

    TenantQuota row = ledger.get(tenant, ENV);
    assertThat(row.storageBytesReserved()).isZero();
    assertThat(row.storageBytesUsed()).isEqualTo(3_500);
    assertThat(row.storageObjects()).isEqualTo(1);
  }

  @Test
  void givenAReservationNeverUsed_whenReleased_thenItsBytesAreFreeAgain() {
    QuotaLedger ledger = ledger(new QuotaDefaults(5_000, 100), NOON);
    Reservation r =
        reservations(ledger)
            .reserve(tenant, ENV, "tenants/" + tenant + "/a", 5_000, NOON, "user:a", "t");
    assertThatThrownBy(
            () ->
                reservations(ledger)
                    .reserve(tenant, ENV, "tenants/" + tenant + "/b", 1, NOON, "user:a", "t"))
        .isInstanceOf(QuotaExceededException.class);

    reservations(ledger).settle(r.reservationId(), null);

    reservations(ledger)
        .reserve(tenant, ENV, "tenants/" + tenant + "/b", 5_000, NOON, "user:a", "t");
    assertThat(ledger.get(tenant, ENV).storageBytesReserved()).isEqualTo(5_000);
  }

  @Test
  void givenADirectWrite_whenItWouldPassTheLimit_thenItIsRefusedAndNothingIsCounted() {
    QuotaLedger ledger = ledger(new QuotaDefaults(1_000, 100), NOON);
    ledger.admitWrite(tenant, ENV, 600);

    assertThatThrownBy(() -> ledger.admitWrite(tenant, ENV, 401))
        .isInstanceOfSatisfying(
            QuotaExceededException.class,
            e -> {
              assertThat(e.used()).isEqualTo(600);
              assertThat(e.requested()).isEqualTo(401);
            });
    ledger.revertWrite(tenant, ENV, 600);
    assertThat(ledger.get(tenant, ENV).storageBytesUsed()).isZero();
    assertThat(ledger.get(tenant, ENV).storageObjects()).isZero();
  }

  @Test
  void givenAnIndexOpsQuota_whenTheDayIsUsedUp_thenRefusedUntilMidnightUtcAndFreshNextDay() {
    QuotaLedger today = ledger(new QuotaDefaults(1_000, 3), NOON);
    for (int i = 0; i < 3; i++) {
      today.consumeIndexOp(tenant, ENV);
    }
    assertThatThrownBy(() -> today.consumeIndexOp(tenant, ENV))
        .isInstanceOfSatisfying(
            QuotaExceededException.class,
            e -> {
              assertThat(e.quota()).isEqualTo(QuotaKind.INDEX_OPS_PER_DAY);
              assertThat(e.used()).isEqualTo(3);
              assertThat(e.resetsAt()).isEqualTo(Instant.parse("2026-11-30T00:00:00Z"));
            });
    assertThat(today.get(tenant, ENV).indexOpsUsed()).isEqualTo(3);

    QuotaLedger tomorrow = ledger(new QuotaDefaults(1_000, 3), NOON.plusSeconds(86_400));
    tomorrow.consumeIndexOp(tenant, ENV);
    assertThat(tomorrow.get(tenant, ENV).indexOpsUsed()).isEqualTo(1);
  }

  @Test
  void givenTenantLimits_whenSet_thenTheyOverrideTheDefaultsAndTheOldRowIsReturned() {
    QuotaLedger ledger = ledger(new QuotaDefaults(1_000, 100), NOON);
    TenantQuota before =
        ledger.setLimits(
            tenant, ENV, new QuotaLimits(5_000L, null, Map.of("search", "10/1m")), "user:op", "r");

    assertThat(before.storageBytesLimit()).isNull();
    TenantQuota after = ledger.get(tenant, ENV);
    assertThat(after.storageLimit(ledger.defaults())).isEqualTo(5_000);
    assertThat(after.indexOpsLimit(ledger.defaults())).isEqualTo(100);
    assertThat(after.limitsChangedBy()).isEqualTo("user:op");
    assertThat(ledger.rateLimits(tenant, ENV)).containsEntry("search", "10/1m");
    reservations(ledger)
        .reserve(tenant, ENV, "tenants/" + tenant + "/a", 5_000, NOON, "user:a", "t");
  }

  @Test
  void givenUsageAndReservations_whenTheTenantIsPurged_thenUsageIsZeroAndLimitsStay() {
    QuotaLedger ledger = ledger(new QuotaDefaults(10_000, 100), NOON);
    ledger.setLimits(tenant, ENV, new QuotaLimits(9_000L, 7L, Map.of()), "user:op", "r");
    ledger.admitWrite(tenant, ENV, 100);
    reservations(ledger).reserve(tenant, ENV, "tenants/" + tenant + "/a", 200, NOON, "user:a", "t");

    ledger.zero(tenant, ENV);

    TenantQuota row = ledger.get(tenant, ENV);
    assertThat(row.storageBytesUsed()).isZero();
    assertThat(row.storageBytesReserved()).isZero();
    assertThat(row.storageBytesLimit()).isEqualTo(9_000);
    assertThat(row.indexOpsPerDayLimit()).isEqualTo(7);
  }
}
