package dev.warden.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.devstack.DevStackEndpoints;
import dev.warden.devstack.DevStackExtension;
import dev.warden.devstack.auth.LocalTokens;
import dev.warden.engines.bench.Rounds;
import dev.warden.engines.indexpurge.TenantIndexStore;
import dev.warden.engines.indexpurge.bench.IndexSweepCases;
import dev.warden.engines.objects.bench.StorageCases;
import dev.warden.engines.opensearch.OpenSearchClients;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.testing.S3Fixture;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.workflowservice.v1.DescribeWorkflowExecutionRequest;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;
import org.opensearch.client.opensearch.OpenSearchClient;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Whole purges through the API beside the tools a user would pick instead, on one devstack in one
 * run: the packaged worker (its own JVM, production defaults but {@code WARDEN_ENV=local}) and the
 * packaged API; a tenant seeded straight into S3Proxy or {@code docs-local}, {@code POST
 * /v1/purges}, polled until {@code COMPLETED} (verification included), its receipt's count checked
 * exact and the neighbour intact. Peers on the same servers and sizes: the raw SDK ListObjectsV2 +
 * DeleteObjects loop ({@link StorageCases}), {@code rclone delete} of the tenant's folder, the
 * one-thread PIT + {@code _bulk} loop and {@code _delete_by_query} ({@link IndexSweepCases}).
 * Rounds rotate the case order; medians are compared. The worker runs with {@code -Xmx384m}: a
 * purge that completes did so in that heap. Each purge's history length (Temporal's own count of
 * its workflow's events) is printed after the table, and then where the CPU went during each case's
 * timed deletions, by process ({@link CpuProfile}). Not a test: it asserts nothing about time
 * (docs/benchmarks.md has the command and the figures).
 *
 * <p>Arguments: objects, documents (each for the tenant and again for its neighbours), rounds.
 * System property {@code warden.api.jar}: the packaged API. Run from the {@code worker} directory
 * (the packaged worker is {@code target/…-exec.jar}).
 */
public final class EndToEndPurgeBench {

  static final String STORAGE_E2E = "storage: Warden, whole purge via the API";
  static final String INDEX_E2E = "index: Warden, whole purge via the API";
  static final String RCLONE = "storage: rclone delete";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int PAGE = 1_000; // the SDK loop's page: WARDEN_PURGE_PAGE_SIZE's default
  private static final int CONCURRENCY = 2; // WARDEN_PURGE_CONCURRENCY's default
  private static final List<String> HISTORIES = new ArrayList<>();
  private static WorkflowServiceStubs temporal;

  private EndToEndPurgeBench() {}

  public static void main(String[] args) throws Exception {
    int objects = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    int docs = args.length > 1 ? Integer.parseInt(args[1]) : 200_000;
    int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 1;
    DevStackEndpoints endpoints = DevStackExtension.endpoints();
    S3Client s3 =
        S3Fixture.client(endpoints.s3Endpoint(), endpoints.s3AccessKey(), endpoints.s3SecretKey());
    OpenSearchClient search = OpenSearchClients.create(endpoints.openSearchUrl());
    IndexSweepCases index = new IndexSweepCases(search);
    String compliance = new LocalTokens(endpoints.authIssuerUri()).forRole("compliance");
    String docsIndex = TenantIndexStore.docsIndex(Env.of(WorkerProcesses.ENV));
    List<String> loads = new ArrayList<>();
    temporal =
        WorkflowServiceStubs.newServiceStubs(
            WorkflowServiceStubsOptions.newBuilder().setTarget(endpoints.temporalTarget()).build());
    try (WorkerProcesses workers = new WorkerProcesses();
        ApiProcess api = ApiProcess.start(WorkerProcesses.ENV);
        StorageCases storage = new StorageCases(s3, endpoints.s3Bucket(), PAGE, CONCURRENCY)) {
      workers.start(endpoints, "bench", Map.of());
      storage.seedNeighbours(objects);
      ToLongFunction<String> purge = item -> purgeThroughApi(api, compliance, item);
      CpuProfile cpu = new CpuProfile();
      Rounds.Case run =
          (name, round) -> {
            if (round >= 0) {
              loads.add(Rounds.load());
            }
            int n = round < 0 ? Math.max(1, objects / 10) : objects;
            int d = round < 0 ? Math.max(1, docs / 10) : docs;
            boolean print = round >= 0;
            // The timed runs are profiled: CPU time per process over each deletion.
            return switch (name) {
              case STORAGE_E2E ->
                  storage.measure(
                      name,
                      n,
                      print,
                      cpu.around(name, print, () -> purge.applyAsLong("objects"))::run);
              case StorageCases.PEER ->
                  storage.measure(name, n, print, cpu.around(name, print, storage::peer)::run);
              case RCLONE ->
                  storage.measure(
                      name, n, print, cpu.around(name, print, () -> rclone(endpoints, n))::run);
              case INDEX_E2E ->
                  index.measure(
                      name,
                      docsIndex,
                      d,
                      d,
                      print,
                      i -> cpu.around(name, print, () -> purge.applyAsLong("documents")).run());
              default ->
                  index.measure(
                      name,
                      d,
                      d,
                      print,
                      i -> cpu.around(name, print, () -> index.sweep(name, i)).run());
            };
          };
      List<String> names =
          List.of(
              STORAGE_E2E,
              StorageCases.PEER,
              RCLONE,
              INDEX_E2E,
              IndexSweepCases.PEER,
              IndexSweepCases.DELETE_BY_QUERY);
      Rounds results = new Rounds(names).run(rounds, run, run);
      System.out.printf(
          "%n%,d objects and %,d documents of tenant acme (as many of its neighbours), %d round(s),"
              + " loads %s%n",
          objects, docs, rounds, loads);
      System.out.println("| work | case | median | range | Warden ÷ case |");
      System.out.println("|---|---|---:|---|---:|");
      results.printRow("storage", STORAGE_E2E, STORAGE_E2E, "objects/s");
      results.printRow("storage", StorageCases.PEER, STORAGE_E2E, "objects/s");
      results.printRow("storage", RCLONE, STORAGE_E2E, "objects/s");
      results.printRow("index", INDEX_E2E, INDEX_E2E, "docs/s");
      results.printRow("index", IndexSweepCases.PEER, INDEX_E2E, "docs/s");
      results.printRow("index", IndexSweepCases.DELETE_BY_QUERY, INDEX_E2E, "docs/s");
      System.out.printf("%nhistory events per purge: %s%n", String.join("; ", HISTORIES));
      cpu.print(names, Runtime.getRuntime().availableProcessors());
    } finally {
      temporal.shutdownNow();
    }
  }

  /**
   * rclone (Debian's, on the PATH: {@code ./warden bench-e2e} installs it) deleting the tenant's
   * folder with its S3 backend, as an operator would by hand: it lists and deletes what it finds;
   * the case then checks the prefix empty and the neighbour intact. Its count is the seeded one
   * when it exits 0 (it prints none to rely on).
   */
  private static long rclone(DevStackEndpoints endpoints, int objects) throws Exception {
    ProcessBuilder rclone =
        new ProcessBuilder(
                "rclone",
                "delete",
                ":s3:" + endpoints.s3Bucket() + "/tenants/acme",
                "--s3-provider=Other",
                "--s3-endpoint=" + endpoints.s3Endpoint(),
                "--s3-access-key-id=" + endpoints.s3AccessKey(),
                "--s3-secret-access-key=" + endpoints.s3SecretKey(),
                "--s3-region=" + DevStackEndpoints.S3_REGION,
                "--s3-force-path-style=true",
                "--fast-list",
                "--checkers=16",
                "--config=/dev/null")
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.INHERIT);
    // The endpoint is plain HTTP on loopback. rclone 1.60's AWS SDK refuses to start at all when
    // AWS_CA_BUNDLE is set ("unable to load custom CA bundle, HTTPClient's transport unsupported").
    rclone.environment().remove("AWS_CA_BUNDLE");
    Process p = rclone.start();
    if (p.waitFor() != 0) {
      throw new IllegalStateException("rclone delete exited " + p.exitValue());
    }
    return objects;
  }

  // The purge workflow's event count, as Temporal's history holds it.
  private static long historyLength(String workflowId) {
    return temporal
        .blockingStub()
        .describeWorkflowExecution(
            DescribeWorkflowExecutionRequest.newBuilder()
                .setNamespace("default")
                .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId))
                .build())
        .getWorkflowExecutionInfo()
        .getHistoryLength();
  }

  /**
   * Purges tenant acme through the API, waits for COMPLETED and returns the receipt's count of
   * {@code item} ({@code objects} or {@code documents}).
   */
  private static long purgeThroughApi(ApiProcess api, String token, String item) {
    try {
      HttpResponse<String> started =
          api.send(
              "/v1/purges",
              token,
              "{\"tenantId\":\"acme\",\"env\":\"%s\",\"reason\":\"benchmark\",\"gracePeriod\":\"PT0S\"}"
                  .formatted(WorkerProcesses.ENV));
      if (started.statusCode() != 202) {
        throw new IllegalStateException("purge refused: " + started.body());
      }
      String id = JSON.readTree(started.body()).get("purgeId").asText();
      long deadline = System.nanoTime() + Duration.ofHours(2).toNanos();
      while (System.nanoTime() < deadline) {
        JsonNode purge = JSON.readTree(api.send("/v1/purges/" + id, token, null).body());
        String status = purge.path("status").asText();
        if (status.equals("COMPLETED")) {
          long count = purge.path("deleted").path(item).asLong();
          HISTORIES.add(
              "%,d %s: %d"
                  .formatted(count, item, historyLength(purge.path("workflowId").asText())));
          return count;
        }
        if (!List.of("REQUESTED", "WAITING_GRACE_PERIOD", "RUNNING").contains(status)) {
          throw new IllegalStateException("purge ended " + status + ": " + purge);
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException("purge " + id + " did not complete in 2 h");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
