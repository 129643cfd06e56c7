package dev.warden.api.purge;

import dev.warden.api.problem.ProblemTypes;
import dev.warden.api.problem.WardenProblem;
import dev.warden.api.web.RequestContext;
import dev.warden.engines.purge.NewPurge;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.purge.PurgeRecordStore.Admission;
import dev.warden.engines.purge.PurgeState;
import dev.warden.engines.tenant.Env;
import dev.warden.engines.tenant.TenantId;
import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.TaskQueues;
import dev.warden.workflows.contract.TenantPurgeWorkflow;
import dev.warden.workflows.contract.WorkflowIds;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/** Admits purge requests (one live purge per tenant) and starts their workflows. */
@Service
class PurgeService {

  private static final Logger log = LoggerFactory.getLogger(PurgeService.class);

  private final PurgeRecordStore purges;
  private final WorkflowClient temporal;
  private final Env deploymentEnv;

  PurgeService(PurgeRecordStore purges, WorkflowClient temporal, Env deploymentEnv) {
    this.purges = purges;
    this.temporal = temporal;
    this.deploymentEnv = deploymentEnv;
  }

  Admission request(CreatePurge body, RequestContext context) {
    if (body == null) {
      throw new IllegalArgumentException("a JSON body with tenantId, env and reason is required");
    }
    TenantId tenant = TenantId.of(body.tenantId());
    Env env = Env.of(body.env());
    if (!env.equals(deploymentEnv)) {
      throw new WardenProblem(
          ProblemTypes.ENV_MISMATCH,
          HttpStatus.BAD_REQUEST,
          "this deployment serves env '%s', not '%s'".formatted(deploymentEnv, env),
          Map.of("deploymentEnv", deploymentEnv.value(), "requestedEnv", env.value()));
    }
    NewPurge request =
        new NewPurge(tenant, env, context.actor(), body.reason(), body.ticket(), context.traceId());
    Admission admission =
        purges.admit(request, r -> WorkflowIds.tenantPurge(r.env().value(), r.tenantId().value()));
    if (admission.created()) {
      start(admission.purge());
    }
    return admission;
  }

  PurgeRecord get(UUID purgeId) {
    return purges
        .find(purgeId)
        .orElseThrow(
            () ->
                new WardenProblem(
                    ProblemTypes.PURGE_NOT_FOUND,
                    HttpStatus.NOT_FOUND,
                    "no purge with id " + purgeId,
                    Map.of("purgeId", purgeId.toString())));
  }

  List<PurgeRecord> list(String tenantId, PurgeState status, int limit) {
    String tenant = tenantId == null ? null : TenantId.of(tenantId).value();
    return purges.list(tenant, status, limit);
  }

  private void start(PurgeRecord purge) {
    WorkflowOptions options =
        WorkflowOptions.newBuilder()
            .setWorkflowId(purge.workflowId())
            .setTaskQueue(TaskQueues.PURGE)
            // A finished purge of the tenant may be followed by a new one (new data arrived).
            .setWorkflowIdReusePolicy(
                WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
            .build();
    TenantPurgeWorkflow workflow = temporal.newWorkflowStub(TenantPurgeWorkflow.class, options);
    PurgeRequest request =
        new PurgeRequest(
            purge.purgeId().toString(),
            purge.tenantId(),
            purge.env(),
            purge.requestedBy(),
            purge.reason(),
            purge.ticket(),
            purge.traceId());
    try {
      WorkflowClient.start(workflow::purge, request);
      log.info("started purge {} as workflow {}", purge.purgeId(), purge.workflowId());
    } catch (WorkflowExecutionAlreadyStarted running) {
      purges.markNotStarted(purge.purgeId());
      throw new WardenProblem(
          ProblemTypes.PURGE_CONFLICT,
          HttpStatus.CONFLICT,
          "workflow %s is already running but has no active purge record"
              .formatted(purge.workflowId()),
          Map.of("workflowId", purge.workflowId()));
    } catch (RuntimeException unavailable) {
      purges.markNotStarted(purge.purgeId());
      log.error("could not start purge {}", purge.purgeId(), unavailable);
      throw new WardenProblem(
          ProblemTypes.WORKFLOW_UNAVAILABLE,
          HttpStatus.SERVICE_UNAVAILABLE,
          "the purge could not be started: Temporal is unavailable; nothing was deleted, retry later",
          Map.of("purgeId", purge.purgeId().toString()));
    }
  }
}
