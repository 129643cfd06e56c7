package dev.warden.engines.indexpurge;

/**
 * A newer attempt of the purge owns this step's index progress record: the attempt that gets this
 * must delete nothing more (it is a zombie, or an older execution the workflow gave up on).
 */
public class IndexTakenOverException extends IllegalStateException {

  public IndexTakenOverException(IndexProgress.Writer writer) {
    super(
        "index progress of purge %s step %s belongs to a newer attempt than %s #%d; stopping"
            .formatted(writer.purgeId(), writer.step(), writer.owner(), writer.attempt()));
  }
}
