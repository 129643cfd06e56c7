package dev.warden.api.purge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.engines.tenant.Env;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** WARDEN_PURGE_APPROVALS and WARDEN_PURGE_APPROVAL_TIMEOUT as the API reads them. */
class ApprovalPolicyTest {

  @Test
  void givenNoApprovalsSet_whenRead_thenLocalNeedsNoneAndEveryOtherEnvNeedsOne() {
    assertThat(new ApprovalPolicy("", "7d", Env.of("local")).approvals()).isZero();
    assertThat(new ApprovalPolicy("", "7d", Env.of("prod")).approvals()).isEqualTo(1);
    assertThat(new ApprovalPolicy(" ", "7d", Env.of("staging")).approvals()).isEqualTo(1);
  }

  @Test
  void givenApprovalsSet_whenRead_thenTheValueWinsOverTheEnvDefault() {
    assertThat(new ApprovalPolicy("0", "7d", Env.of("prod")).approvals()).isZero();
    assertThat(new ApprovalPolicy("2", "7d", Env.of("local")).approvals()).isEqualTo(2);
  }

  @Test
  void givenATimeout_whenReadInEitherFormat_thenItIsTheSameDuration() {
    assertThat(new ApprovalPolicy("1", "7d", Env.of("prod")).timeout())
        .isEqualTo(Duration.ofDays(7));
    assertThat(new ApprovalPolicy("1", "P7D", Env.of("prod")).timeout())
        .isEqualTo(Duration.ofDays(7));
    assertThat(new ApprovalPolicy("1", "36h", Env.of("prod")).timeout())
        .isEqualTo(Duration.ofHours(36));
  }

  @Test
  void givenBadValues_whenRead_thenStartupFailsNamingTheVariable() {
    assertThatThrownBy(() -> new ApprovalPolicy("-1", "7d", Env.of("prod")))
        .hasMessageContaining("WARDEN_PURGE_APPROVALS");
    assertThatThrownBy(() -> new ApprovalPolicy("two", "7d", Env.of("prod")))
        .hasMessageContaining("WARDEN_PURGE_APPROVALS");
    assertThatThrownBy(() -> new ApprovalPolicy("6", "7d", Env.of("prod")))
        .hasMessageContaining("WARDEN_PURGE_APPROVALS");
    assertThatThrownBy(() -> new ApprovalPolicy("1", "a week", Env.of("prod")))
        .hasMessageContaining("WARDEN_PURGE_APPROVAL_TIMEOUT");
    assertThatThrownBy(() -> new ApprovalPolicy("1", "0s", Env.of("prod")))
        .hasMessageContaining("WARDEN_PURGE_APPROVAL_TIMEOUT");
    assertThatThrownBy(() -> new ApprovalPolicy("1", "365d", Env.of("prod")))
        .hasMessageContaining("WARDEN_PURGE_APPROVAL_TIMEOUT");
  }
}
