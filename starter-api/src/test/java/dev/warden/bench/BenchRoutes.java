package dev.warden.bench;

import dev.warden.api.gate.GateChain;
import dev.warden.api.gate.Gated;
import dev.warden.engines.killswitch.KillSwitchAction;
import dev.warden.engines.tenant.TenantId;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Two cheap routes for {@link GateOverheadBench}, registered only by the bench (outside the API's
 * scanned packages): the same tiny answer with no gates, and as a gated {@code search} route that
 * validates its tenant and runs the whole {@link GateChain}, timing the chain itself (per instance:
 * each API replica of a run has its own). Both sit on the tenant search path (told apart by a
 * {@code bench} parameter), so the security layer treats them like the real route: a tenant token
 * for that tenant, validated on every request.
 */
@RestController
public class BenchRoutes {

  /** This instance's (replica's) chain times; the bench reads them after each row. */
  final long[] chainNanos = new long[2_000_000];

  final AtomicInteger recorded = new AtomicInteger();
  volatile boolean recording;

  private final GateChain gates;

  BenchRoutes(GateChain gates) {
    this.gates = gates;
  }

  @GetMapping(value = "/v1/tenants/{tenantId}/search", params = "bench=open")
  String open(@PathVariable String tenantId) {
    TenantId.of(tenantId);
    return "ok";
  }

  @GetMapping(value = "/v1/tenants/{tenantId}/search", params = "bench=gated")
  @Gated(action = KillSwitchAction.SEARCH)
  String gated(
      @PathVariable String tenantId, HttpServletRequest http, HttpServletResponse response) {
    TenantId tenant = TenantId.of(tenantId);
    long started = System.nanoTime();
    gates.enforce(gates.request(http, tenant), response);
    long took = System.nanoTime() - started;
    if (recording) {
      int i = recorded.getAndIncrement();
      if (i < chainNanos.length) {
        chainNanos[i] = took;
      }
    }
    return "ok";
  }
}
