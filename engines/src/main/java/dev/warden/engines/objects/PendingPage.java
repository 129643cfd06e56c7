package dev.warden.engines.objects;

import java.util.List;

/**
 * A page about to be deleted, recorded before its DeleteObjects call(s): the last key it reaches,
 * its object (or version) count and bytes. On a versioned bucket {@code lastKeyVersions} are the
 * version ids of that last key the page holds (a page may end halfway through a key's versions);
 * empty otherwise.
 */
public record PendingPage(String lastKey, List<String> lastKeyVersions, long objects, long bytes) {

  public PendingPage {
    lastKeyVersions = List.copyOf(lastKeyVersions);
  }

  static PendingPage of(String lastKey, long objects, long bytes) {
    return new PendingPage(lastKey, List.of(), objects, bytes);
  }
}
