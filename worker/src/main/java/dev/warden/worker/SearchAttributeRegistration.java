package dev.warden.worker;

import dev.warden.workflows.admin.SearchAttributeAdmin;
import io.temporal.serviceclient.WorkflowServiceStubs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Registers WardenTenant/Env/Step/Status/DueAt on the namespace before the worker polls, so purges
 * are searchable in Temporal UI. A server that refuses (no operator rights, e.g. Temporal Cloud) is
 * logged loudly: the attributes must then be created by an admin, or purges fail to upsert them.
 */
@Component
class SearchAttributeRegistration implements InitializingBean {

  private static final Logger log = LoggerFactory.getLogger(SearchAttributeRegistration.class);
  private final WorkflowServiceStubs service;
  private final String namespace;

  SearchAttributeRegistration(
      WorkflowServiceStubs service,
      @Value("${spring.temporal.namespace:default}") String namespace) {
    this.service = service;
    this.namespace = namespace;
  }

  @Override
  public void afterPropertiesSet() {
    try {
      var added = SearchAttributeAdmin.register(service, namespace);
      log.info("search attributes on namespace {}: added {}", namespace, added);
    } catch (RuntimeException refused) {
      log.error(
          "could not register Warden's search attributes on {}: {}", namespace, refused.toString());
    }
  }
}
