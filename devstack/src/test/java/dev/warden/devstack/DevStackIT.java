package dev.warden.devstack;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.api.workflowservice.v1.GetSystemInfoRequest;
import io.temporal.api.workflowservice.v1.GetSystemInfoResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** Starts the whole stack through the extension and proves that every server answers. */
@WithDevStack
class DevStackIT {

  @Test
  void temporalAnswersOverGrpc(DevStackEndpoints endpoints) {
    WorkflowServiceStubs stubs =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(endpoints.temporalTarget()).build());
    try {
      GetSystemInfoResponse info =
          stubs.blockingStub().getSystemInfo(GetSystemInfoRequest.getDefaultInstance());
      assertThat(info.hasCapabilities()).isTrue();
    } finally {
      stubs.shutdownNow();
    }
  }

  @Test
  void s3StoresAndReturnsAnObjectInTheConfiguredBucket(DevStackEndpoints endpoints) {
    try (S3Client s3 = s3Client(endpoints)) {
      s3.putObject(
          b -> b.bucket(endpoints.s3Bucket()).key("tenants/acme/hello.txt"),
          RequestBody.fromString("hello"));

      String body =
          s3.getObjectAsBytes(b -> b.bucket(endpoints.s3Bucket()).key("tenants/acme/hello.txt"))
              .asUtf8String();
      assertThat(body).isEqualTo("hello");
    }
  }

  @Test
  void openSearchIsHealthy(DevStackEndpoints endpoints) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(endpoints.openSearchUrl() + "/_cluster/health"))
                    .build(),
                HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).containsPattern("\"status\":\"(green|yellow)\"");
  }

  @Test
  void postgresAnswersInTheWardenDatabase(DevStackEndpoints endpoints) throws Exception {
    try (Connection c =
            DriverManager.getConnection(
                endpoints.jdbcUrl(), endpoints.dbUser(), endpoints.dbPassword());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select 1, current_database()")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
      assertThat(rs.getString(2)).isEqualTo("warden");
    }
  }

  @Test
  void staticAccessorSeesTheSameSharedStack(DevStackEndpoints endpoints) {
    assertThat(DevStackExtension.endpoints()).isSameAs(endpoints);
    assertThat(endpoints.temporalTarget()).isNotEqualTo("127.0.0.1:7233"); // random test ports
  }

  static S3Client s3Client(DevStackEndpoints endpoints) {
    return S3Client.builder()
        .endpointOverride(URI.create(endpoints.s3Endpoint()))
        .region(Region.of(endpoints.s3Region()))
        .credentialsProvider(
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(endpoints.s3AccessKey(), endpoints.s3SecretKey())))
        .forcePathStyle(true)
        .build();
  }
}
