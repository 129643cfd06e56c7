package dev.warden.engines.purge;

import dev.warden.engines.purge.PurgeRecord.StepRecord;
import dev.warden.engines.receipt.CanonicalJson;
import dev.warden.engines.receipt.ReceiptSigner;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Purge requests, their steps, statuses and receipts; every write is idempotent. */
public class PurgeRecordStore {

  static final String ACTIVE =
      "('REQUESTED', 'AWAITING_APPROVAL', 'WAITING_GRACE_PERIOD', 'RUNNING',"
          + " 'BLOCKED_BY_KILL_SWITCH', 'NEEDS_ATTENTION')";
  private static final String FINAL = "('COMPLETED', 'CANCELLED', 'REJECTED', 'EXPIRED', 'FAILED')";

  /** GDPR art. 12(3): one month, which compliance may extend by two further months. */
  public static final Duration DEFAULT_DEADLINE = Duration.ofDays(30);

  private final JdbcClient jdbc;
  private final Duration deadline;
  private final TenantLocks locks;
  private final ReceiptSigner signer;

  /** Receipts unsigned: for tests of other parts of the record. */
  public PurgeRecordStore(JdbcClient jdbc) {
    this(jdbc, DEFAULT_DEADLINE, null);
  }

  /** Receipts unsigned: for tests of other parts of the record. */
  public PurgeRecordStore(JdbcClient jdbc, Duration deadline) {
    this(jdbc, deadline, null);
  }

  /**
   * {@code deadline}: from a request's receipt to its due date ({@code WARDEN_PURGE_DEADLINE});
   * {@code signer}: signs each receipt as it is written.
   */
  public PurgeRecordStore(JdbcClient jdbc, Duration deadline, ReceiptSigner signer) {
    if (deadline.isNegative() || deadline.isZero()) {
      throw new IllegalArgumentException("the purge deadline must be positive, was " + deadline);
    }
    this.jdbc = jdbc;
    this.deadline = deadline;
    this.locks = new TenantLocks(jdbc);
    this.signer = signer;
  }

  /** The decisions the API records on purges (approvals, rejections, cancels, extensions). */
  public PurgeDecisions decisions() {
    return new PurgeDecisions(jdbc);
  }

  public Duration deadline() {
    return deadline;
  }

  /** The result of asking for a purge: the stored record and whether this call created it. */
  public record Admission(PurgeRecord purge, boolean created) {}

  /**
   * Stores a new request (from {@link PurgeRecord#requested}), or returns the tenant's active one.
   * The partial unique index decides races between concurrent callers, so two requests can never
   * both start a workflow.
   */
  public Admission admit(PurgeRecord request, Function<PurgeRecord, String> workflowId) {
    // Only validated identifiers reach the table, whoever built the record.
    String tenant = TenantId.of(request.tenantId()).value();
    String env = Env.of(request.env()).value();
    Optional<PurgeRecord> active = findActive(tenant, env);
    if (active.isPresent()) {
      return new Admission(active.get(), false);
    }
    UUID id = UUID.randomUUID();
    try {
      // One statement engages the tenant's write lock and stores the purge: no write slips in
      // between, and a lost race leaves the lock as it was. The grace period is stretched to the
      // last presigned upload URL's expiry, so no URL issued before now lands an object once
      // deletion has begun (dry runs delete nothing: no lock, no wait).
      jdbc.sql(
              "with "
                  + TenantLocks.ENGAGE_CTE
                  + """
                  , received as (select coalesce(cast(? as timestamptz), now()) as at)
                  insert into purge_requests (purge_id, tenant_id, env, requested_by, reason,
                    ticket, trace_id, status, workflow_id, requested_at, updated_at,
                    grace_period_seconds, dry_run, approvals_required, received_at,
                    initial_due_at, due_at, status_since)
                  select ?, ?, ?, ?, ?, ?, ?, 'REQUESTED', ?, now(), now(),
                    greatest(?, coalesce((select ceil(extract(epoch from
                      upload_urls_valid_until - now())) from lock), 0)), ?, ?,
                    at, at + make_interval(secs => ?), at + make_interval(secs => ?), now()
                  from received
                  """)
          .params(
              tenant,
              env,
              id,
              request.dryRun(),
              timestamp(request.receivedAt()),
              id,
              tenant,
              env,
              request.requestedBy(),
              request.reason(),
              request.ticket(),
              request.traceId(),
              workflowId.apply(request),
              request.gracePeriodSeconds(),
              request.dryRun(),
              request.approvalsRequired(),
              deadline.toSeconds(),
              deadline.toSeconds())
          .update();
    } catch (DuplicateKeyException lostRace) {
      PurgeRecord winner = findActive(tenant, env).orElseThrow(() -> lostRace);
      return new Admission(winner, false);
    }
    return new Admission(find(id).orElseThrow(), true);
  }

  public Optional<PurgeRecord> find(UUID purgeId) {
    return jdbc.sql("select * from purge_requests where purge_id = ?")
        .param(purgeId)
        .query(this::map)
        .optional();
  }

  public Optional<PurgeRecord> findActive(String tenantId, String env) {
    return jdbc.sql(
            "select * from purge_requests where tenant_id = ? and env = ? and status in " + ACTIVE)
        .params(tenantId, env)
        .query(this::map)
        .optional();
  }

  public List<PurgeRecord> list(String tenantId, PurgeState status, int limit) {
    String state = status == null ? null : status.name();
    return jdbc.sql(
            """
            select * from purge_requests
            where (cast(? as text) is null or tenant_id = ?) and (cast(? as text) is null or status = ?)
            order by requested_at desc limit ?
            """)
        .params(tenantId, tenantId, state, state, limit)
        .query(this::map)
        .list();
  }

  /** Active purges whose due date has passed, the most overdue first; filters may be null. */
  public List<PurgeRecord> overdue(String tenantId, PurgeState status, int limit) {
    String state = status == null ? null : status.name();
    return jdbc.sql(
            "select * from purge_requests where status in "
                + ACTIVE
                + " and due_at < now() and (cast(? as text) is null or tenant_id = ?)"
                + " and (cast(? as text) is null or status = ?) order by due_at limit ?")
        .params(tenantId, tenantId, state, state, limit)
        .query(this::map)
        .list();
  }

  /** Records the workflow's run; true when this call is the purge's first start. */
  public boolean markRunning(UUID purgeId, String runId) {
    return jdbc.sql(
            "with before as (select started_at from purge_requests where purge_id = ?)"
                + " update purge_requests set run_id = ?, started_at = coalesce(started_at, now()),"
                + " updated_at = now() where purge_id = ? and status in "
                + ACTIVE
                + " returning (select started_at is null from before)")
        .params(purgeId, runId, purgeId)
        .query(Boolean.class)
        .optional()
        .orElse(false);
  }

  /** Records the workflow's current status; a finished purge is never reopened. */
  public void setStatus(UUID purgeId, PurgeState status, String step, String detail) {
    jdbc.sql(
            "update purge_requests set status_since = case when status = ? then status_since"
                + " else now() end, status = ?, current_step = ?, status_detail = ?,"
                + " updated_at = now() where purge_id = ? and status not in "
                + FINAL)
        .params(status.name(), status.name(), step, detail, purgeId)
        .update();
  }

  /** Running total of one step (the workflow sums attempts); repeats overwrite with the same. */
  public void recordStep(UUID purgeId, String step, long items, long bytes) {
    jdbc.sql(
            """
            insert into purge_steps (purge_id, step, items, bytes, completed_at)
            values (?, ?, ?, ?, now())
            on conflict (purge_id, step) do update
              set items = excluded.items, bytes = excluded.bytes, completed_at = excluded.completed_at
            """)
        .params(purgeId, step, items, bytes)
        .update();
  }

  /** Adds an approver (in the order they approved); a repeat of the same approver is ignored. */
  public void recordApproval(UUID purgeId, String approver) {
    jdbc.sql(
            "update purge_requests set approved_by = array_append(approved_by, cast(? as text)),"
                + " updated_at = now() where purge_id = ? and not (cast(? as text) = any(approved_by))")
        .params(approver, purgeId, approver)
        .update();
  }

  /** Asks running activities to stop at their next page; the first reason is kept. */
  public void requestStop(UUID purgeId, String reason) {
    jdbc.sql(
            "update purge_requests set stop_requested_at = coalesce(stop_requested_at, now()),"
                + " stop_reason = coalesce(stop_reason, ?), updated_at = now() where purge_id = ?")
        .params(reason, purgeId)
        .update();
  }

  /** The stop reason when compliance asked this purge to stop. */
  public Optional<String> stopRequested(UUID purgeId) {
    return jdbc.sql(
            "select stop_reason from purge_requests where purge_id = ? and stop_requested_at is not null")
        .param(purgeId)
        .query(String.class)
        .optional();
  }

  /**
   * Stores the receipt, the final status and its detail; a repeat keeps the first receipt. The
   * receipt gains the deadline: {@code receivedAt}, {@code dueAt} and {@code onTime} (finished by
   * the due date, extensions included), and {@code auditChainHead}: the hash of the tenant's latest
   * event, so the signed receipt also vouches for the trail up to it. Returns the purge as it ended
   * when this call ended it, empty when it had ended before (a retried activity), so callers count
   * each end once.
   */
  public Optional<PurgeRecord> complete(
      UUID purgeId, PurgeState status, String detail, String receiptJson) {
    // One statement, so a reader never sees the final status without its receipt.
    boolean ended =
        jdbc.sql(
                """
                with purge as (
                  select purge_id, tenant_id, received_at, due_at, completed_at is null as ending
                  from purge_requests where purge_id = ?
                ), receipt as (
                  insert into purge_receipts (purge_id, receipt)
                  select purge_id, cast(? as jsonb) || jsonb_build_object(
                    'receivedAt', %s,
                    'dueAt', %s,
                    'onTime', now() <= due_at,
                    'auditChainHead',
                      (select hash from event_chain_heads where chain = purge.tenant_id))
                  from purge
                  on conflict (purge_id) do nothing
                )
                update purge_requests set status = ?, current_step = null, status_detail = ?,
                  updated_at = now(), completed_at = coalesce(completed_at, now()),
                  status_since = case when completed_at is null then now() else status_since end,
                  finished_on_time = coalesce(finished_on_time, now() <= due_at)
                where purge_id = ?
                returning (select ending from purge)
                """
                    .formatted(iso("received_at"), iso("due_at")))
            .params(purgeId, receiptJson, status.name(), detail, purgeId)
            .query(Boolean.class)
            .optional()
            .orElse(false);
    sign(purgeId);
    forgetProgress(purgeId);
    if (status == PurgeState.CANCELLED
        || status == PurgeState.REJECTED
        || status == PurgeState.EXPIRED) {
      // Stopped before the tenant was erased (rejected and expired purges deleted nothing): it
      // may take writes again. Repeats are no-ops.
      locks.release(purgeId);
    }
    return ended ? find(purgeId) : Optional.empty();
  }

  // Signs the receipt as stored (with the times PostgreSQL added), once: a retried activity finds
  // it signed. ES256 signatures differ on every call, so the first one is kept.
  private void sign(UUID purgeId) {
    if (signer == null) {
      return;
    }
    jdbc.sql("select receipt::text from purge_receipts where purge_id = ? and signature is null")
        .param(purgeId)
        .query(String.class)
        .optional()
        .ifPresent(
            receipt ->
                jdbc.sql(
                        "update purge_receipts set signature = ? where purge_id = ?"
                            + " and signature is null")
                    .params(signer.sign(CanonicalJson.parse(receipt)), purgeId)
                    .update());
  }

  /**
   * Ends an active purge as FAILED when its workflow is gone (ended without writing its receipt, or
   * unknown to Temporal). True when this call ended it; false when it had already ended.
   */
  public boolean markFailed(UUID purgeId, String detail) {
    boolean failed =
        jdbc.sql(
                    "update purge_requests set status = 'FAILED', current_step = null,"
                        + " status_detail = ?, updated_at = now(), status_since = now(),"
                        + " finished_on_time = now() <= due_at,"
                        + " completed_at = coalesce(completed_at, now())"
                        + " where purge_id = ? and status in "
                        + ACTIVE)
                .params(detail, purgeId)
                .update()
            == 1;
    if (failed) {
      forgetProgress(purgeId);
    }
    return failed;
  }

  // The storage lanes' and index steps' resume points (StorageProgress, IndexProgress) matter
  // only while the purge runs; an attempt still running then finds no row to write to and deletes
  // nothing more.
  private void forgetProgress(UUID purgeId) {
    jdbc.sql("delete from storage_progress where purge_id = ?").param(purgeId).update();
    jdbc.sql("delete from index_progress where purge_id = ?").param(purgeId).update();
  }

  /** Active purges, least recently updated first: what a sweep for stranded purges looks at. */
  public List<PurgeRecord> active(int limit) {
    return jdbc.sql(
            "select * from purge_requests where status in "
                + ACTIVE
                + " order by updated_at limit ?")
        .param(limit)
        .query(this::map)
        .list();
  }

  /**
   * Marks a request whose workflow was not started, so it no longer blocks a new one. No receipt is
   * written: a stub must never take the place of the real one.
   */
  public void markNotStarted(UUID purgeId, String detail) {
    markFailed(purgeId, "not started: " + detail);
    locks.release(purgeId); // nothing was deleted: the tenant may take writes again
  }

  /** The receipt with its JWS in {@code signature} (absent on receipts from before signing). */
  public Optional<String> receipt(UUID purgeId) {
    return jdbc.sql(
            "select (case when signature is null then receipt"
                + " else receipt || jsonb_build_object('signature', signature) end)::text"
                + " from purge_receipts where purge_id = ?")
        .param(purgeId)
        .query(String.class)
        .optional();
  }

  private List<StepRecord> steps(UUID purgeId) {
    return jdbc.sql(
            "select step, items, bytes, completed_at from purge_steps where purge_id = ?"
                + " order by completed_at")
        .param(purgeId)
        .query(
            (rs, n) ->
                new StepRecord(
                    rs.getString("step"),
                    rs.getLong("items"),
                    rs.getLong("bytes"),
                    instant(rs.getTimestamp("completed_at"))))
        .list();
  }

  private PurgeRecord map(ResultSet rs, int row) throws SQLException {
    UUID id = rs.getObject("purge_id", UUID.class);
    return PurgeRecord.builder()
        .purgeId(id)
        .tenantId(rs.getString("tenant_id"))
        .env(rs.getString("env"))
        .requestedBy(rs.getString("requested_by"))
        .reason(rs.getString("reason"))
        .ticket(rs.getString("ticket"))
        .traceId(rs.getString("trace_id"))
        .status(PurgeState.valueOf(rs.getString("status")))
        .currentStep(rs.getString("current_step"))
        .statusDetail(rs.getString("status_detail"))
        .gracePeriodSeconds(rs.getLong("grace_period_seconds"))
        .dryRun(rs.getBoolean("dry_run"))
        .workflowId(rs.getString("workflow_id"))
        .runId(rs.getString("run_id"))
        .requestedAt(instant(rs.getTimestamp("requested_at")))
        .startedAt(instant(rs.getTimestamp("started_at")))
        .updatedAt(instant(rs.getTimestamp("updated_at")))
        .completedAt(instant(rs.getTimestamp("completed_at")))
        .stopRequestedAt(instant(rs.getTimestamp("stop_requested_at")))
        .stopReason(rs.getString("stop_reason"))
        .steps(steps(id))
        .approvalsRequired(rs.getInt("approvals_required"))
        .approvedBy(List.of((String[]) rs.getArray("approved_by").getArray()))
        .receivedAt(instant(rs.getTimestamp("received_at")))
        .initialDueAt(instant(rs.getTimestamp("initial_due_at")))
        .dueAt(instant(rs.getTimestamp("due_at")))
        .statusSince(instant(rs.getTimestamp("status_since")))
        .finishedOnTime((Boolean) rs.getObject("finished_on_time"))
        .build();
  }

  // An ISO-8601 UTC instant, as the receipt's other times are read by clients.
  private static String iso(String column) {
    return "to_char(%s at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"')".formatted(column);
  }

  private static Timestamp timestamp(Instant instant) {
    return instant == null ? null : Timestamp.from(instant);
  }

  private static Instant instant(Timestamp ts) {
    return ts == null ? null : ts.toInstant();
  }
}
