package dev.warden.api.purge;

import dev.warden.api.killswitch.KillSwitchReleased;
import dev.warden.engines.purge.PurgeRecord;
import dev.warden.engines.purge.PurgeRecordStore;
import dev.warden.engines.purge.PurgeState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A released kill switch wakes the purges it blocked at once, instead of at their next back-off
 * re-check (which stays as the safety net for expiries and releases made elsewhere).
 */
@Component
class BlockedPurgeWaker {

  private static final Logger log = LoggerFactory.getLogger(BlockedPurgeWaker.class);
  private final PurgeRecordStore purges;
  private final PurgeWorkflows workflows;

  BlockedPurgeWaker(PurgeRecordStore purges, PurgeWorkflows workflows) {
    this.purges = purges;
    this.workflows = workflows;
  }

  @EventListener
  void on(KillSwitchReleased released) {
    for (PurgeRecord purge : purges.list(null, PurgeState.BLOCKED_BY_KILL_SWITCH, 500)) {
      try {
        workflows.running(purge).killSwitchReleased();
      } catch (RuntimeException gone) {
        log.warn("could not wake purge {}: {}", purge.purgeId(), gone.toString());
      }
    }
  }
}
