package dev.warden.workflows.admin;

import io.temporal.client.WorkflowClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client that starts workflows with Warden's search attributes checks once that its namespace has
 * them: the worker registers them at its start, but a start naming an unknown one is refused and a
 * fresh server may see the API first. Retried on the next start until a check succeeds.
 */
public final class SearchAttributesOnce {

  private static final Logger log = LoggerFactory.getLogger(SearchAttributesOnce.class);
  private final WorkflowClient temporal;
  private volatile boolean checked;

  public SearchAttributesOnce(WorkflowClient temporal) {
    this.temporal = temporal;
  }

  public void ensure() {
    if (checked) {
      return;
    }
    try {
      SearchAttributeAdmin.register(
          temporal.getWorkflowServiceStubs(), temporal.getOptions().getNamespace());
      checked = true;
    } catch (RuntimeException refused) {
      log.warn("could not check Warden's search attributes: {}", refused.toString());
    }
  }
}
