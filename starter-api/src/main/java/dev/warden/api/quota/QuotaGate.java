package dev.warden.api.quota;

import dev.warden.api.gate.Gate;
import dev.warden.api.gate.GateRequest;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.quota.QuotaExceededException;
import dev.warden.engines.quota.QuotaLedger;
import org.springframework.stereotype.Component;

/**
 * The last gate: an indexing request costs one op of the tenant's daily quota, counted atomically
 * in the ledger before the handler runs. Storage bytes are not checked here: the presign and pack
 * handlers reserve the exact size they are about to sign or write, which only they know.
 */
@Component
class QuotaGate implements Gate {

  private final QuotaLedger ledger;
  private final QuotaRefusals refusals;

  QuotaGate(QuotaLedger ledger, QuotaRefusals refusals) {
    this.ledger = ledger;
    this.refusals = refusals;
  }

  @Override
  public int getOrder() {
    return QUOTA;
  }

  @Override
  public void enforce(GateRequest request) {
    if (request.action() != KillSwitchAction.INDEX || request.tenant() == null) {
      return;
    }
    try {
      ledger.consumeIndexOp(request.tenant(), request.env());
    } catch (QuotaExceededException e) {
      throw refusals.refuse(
          e, request.env(), request.tenant(), request.action().id(), request.context());
    }
  }
}
