package dev.warden.engines.objects;

/**
 * A newer attempt of the purge owns this shard's progress record: the attempt that gets this must
 * delete nothing more (it is a zombie, or an older execution the workflow gave up on).
 */
public class ShardTakenOverException extends IllegalStateException {

  public ShardTakenOverException(StorageProgress.Lane lane, String owner, int attempt) {
    super(
        "storage progress of purge %s shard %s belongs to a newer attempt than %s #%d; stopping"
            .formatted(lane.purgeId(), lane.shard(), owner, attempt));
  }
}
