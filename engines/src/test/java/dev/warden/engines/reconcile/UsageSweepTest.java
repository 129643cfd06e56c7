package dev.warden.engines.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which tenant a listed key belongs to: only keys inside a valid tenant folder count. */
class UsageSweepTest {

  @Test
  void givenKeysUnderTenants_whenAttributed_thenOnlyTheFolderBeforeTheNextSlashNamesTheTenant() {
    assertThat(UsageSweep.tenantOf("tenants/acme/uploads/a.txt")).isEqualTo("acme");
    assertThat(UsageSweep.tenantOf("tenants/acme-eu/a")).isEqualTo("acme-eu");
    assertThat(UsageSweep.tenantOf("tenants/acme/")).isEqualTo("acme");
  }

  @Test
  void givenKeysOutsideATenantFolder_whenAttributed_thenNoTenantIsCharged() {
    assertThat(UsageSweep.tenantOf("tenants/acme")).isNull(); // a file beside the folders
    assertThat(UsageSweep.tenantOf("tenants/acme.txt")).isNull();
    assertThat(UsageSweep.tenantOf("tenants/ACME/a")).isNull(); // not a valid tenant id
    assertThat(UsageSweep.tenantOf("tenants//a")).isNull();
    assertThat(UsageSweep.tenantOf("other/acme/a")).isNull();
    assertThat(UsageSweep.tenantOf("logs/prod/acme/a")).isNull();
  }

  @Test
  void givenAUsage_whenObjectsAreAdded_thenCurrentAndNoncurrentStayApartAndBothCount() {
    TenantUsage u = TenantUsage.none("acme").plus(true, 5).plus(false, 3).plus(false, 4);

    assertThat(u).isEqualTo(new TenantUsage("acme", 1, 5, 2, 7));
    assertThat(u.bytes()).isEqualTo(12);
    assertThat(u.objects()).isEqualTo(3);
  }
}
