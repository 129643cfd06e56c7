package dev.warden.workflows.purge;

import dev.warden.workflows.contract.PurgeRequest;
import dev.warden.workflows.contract.SearchAttributes;
import dev.warden.workflows.contract.StepResult;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** What Temporal UI shows of a running purge: search attributes and Markdown current details. */
final class PurgeVisibility {

  private PurgeVisibility() {}

  static void show(PurgeRequest request, PurgeState state, String detail) {
    Workflow.upsertTypedSearchAttributes(
        SearchAttributes.STATUS.valueSet(state.status().name()),
        SearchAttributes.STEP.valueSet(
            state.currentStep() == null ? "-" : state.currentStep().name()));
    StringBuilder md = new StringBuilder();
    md.append("**").append(state.status()).append("**");
    if (state.currentStep() != null) {
      md.append(" at step `").append(state.currentStep()).append('`');
    }
    md.append("\n\n").append(detail == null ? "" : detail).append("\n\n");
    md.append("| step | items | bytes |\n|---|---|---|\n");
    for (StepResult total : state.totals()) {
      md.append("| ")
          .append(total.step())
          .append(" | ")
          .append(total.items())
          .append(" | ")
          .append(total.bytes())
          .append(" |\n");
    }
    md.append("\nTenant `")
        .append(request.tenantId())
        .append("` in `")
        .append(request.env())
        .append("`, purge ")
        .append(request.purgeId());
    Workflow.setCurrentDetails(md.toString());
  }

  static void dueAt(long dueAtMillis) {
    Workflow.upsertTypedSearchAttributes(
        SearchAttributes.DUE_AT.valueSet(
            OffsetDateTime.ofInstant(Instant.ofEpochMilli(dueAtMillis), ZoneOffset.UTC)));
  }
}
