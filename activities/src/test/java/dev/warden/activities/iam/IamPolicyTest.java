package dev.warden.activities.iam;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The policy check itself can fail both ways: a call outside the policy, a grant never used. */
class IamPolicyTest {

  @Test
  void givenACallOutsideThePolicy_whenChecked_thenItIsDenied() throws Exception {
    IamPolicy policy = IamPolicy.read(S3LeastPrivilegeIT.POLICY);
    List<S3Calls.Call> calls =
        List.of(
            new S3Calls.Call("s3:PutObject", "b", "tenants/acme/f", null),
            new S3Calls.Call("s3:PutObject", "b", "elsewhere/f", null),
            new S3Calls.Call("s3:ListBucket", "b", null, "elsewhere/"),
            new S3Calls.Call("s3:ListBucket", "b", null, null),
            new S3Calls.Call("s3:GetObjectVersion", "b", "tenants/acme/f", null),
            new S3Calls.Call("unmapped:DeleteBucket", null, null, null));

    assertThat(policy.denied(calls)).containsExactlyElementsOf(calls.subList(1, 6));
  }

  @Test
  void givenCallsThatNeedFewerActions_whenChecked_thenTheOthersAreUnused() throws Exception {
    IamPolicy policy = IamPolicy.read(S3LeastPrivilegeIT.POLICY);

    assertThat(policy.unused(List.of(new S3Calls.Call("s3:GetObject", "b", "logs/x", null))))
        .contains("TenantObjects: s3:GetObject", "LogArchives: s3:PutObject")
        .doesNotContain("LogArchives: s3:GetObject");
  }
}
