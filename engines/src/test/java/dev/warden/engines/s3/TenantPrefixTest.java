package dev.warden.engines.s3;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.engines.tenant.TenantId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The prefix rule for real S3, where a key {@code tenants/acme} can sit beside {@code
 * tenants/acme/...} (S3Proxy and MinIO cannot store both, so this case is proven here).
 */
class TenantPrefixTest {

  private final TenantPrefix acme = new TenantPrefix(TenantId.of("acme"));

  @Test
  void givenATenant_whenItsPrefixIsBuilt_thenItEndsWithASlash() {
    assertThat(acme.value()).isEqualTo("tenants/acme/");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "tenants/acme/",
        "tenants/acme/a.txt",
        "tenants/acme/packs/p1/x.bin",
        "tenants/acme//x"
      })
  void givenKeysInsideTheTenantFolder_whenChecked_thenTheyAreOwned(String key) {
    assertThat(acme.owns(key)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "tenants/acme",
        "tenants/acme-eu/a.txt",
        "tenants/acme2/a.txt",
        "tenants/acme.txt",
        "tenants/acm/a.txt",
        "other/acme/x",
        "tenants/ACME/a.txt",
        "xtenants/acme/a.txt"
      })
  void givenKeysOutsideTheTenantFolder_whenChecked_thenTheyAreNotOwned(String key) {
    assertThat(acme.owns(key)).isFalse();
  }
}
