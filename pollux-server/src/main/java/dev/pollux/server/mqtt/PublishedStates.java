package dev.pollux.server.mqtt;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What was last published on each state topic and when, e.g. {@code thermal_zone0 → "48.312" at t}:
 * a state is due when its text changed or it was last sent at least an interval ago. One entry per
 * sensor or actuator, so it is bounded by their number. Not thread-safe: the bridge's thread owns
 * it.
 */
final class PublishedStates {

  private final long intervalNanos;
  private final Map<String, Sent> sent = new HashMap<>();

  PublishedStates(long intervalNanos) {
    this.intervalNanos = intervalNanos;
  }

  /** Whether {@code text} should be published for {@code id} at {@code nowNanos}. */
  boolean due(String id, String text, long nowNanos) {
    Sent last = sent.get(id);
    return last == null || !last.text.equals(text) || nowNanos - last.atNanos >= intervalNanos;
  }

  /** Records that {@code text} was handed to the client for {@code id} at {@code nowNanos}. */
  void sent(String id, String text, long nowNanos) {
    sent.put(id, new Sent(text, nowNanos));
  }

  /** Forgets {@code id} (its publish failed, or it is gone): it is due on the next look. */
  void forget(String id) {
    sent.remove(id);
  }

  /**
   * Forgets everything, e.g. after a reconnection, when the broker may have lost its retained
   * states.
   */
  void clear() {
    sent.clear();
  }

  /** The ids with a recorded state. */
  Set<String> ids() {
    return Set.copyOf(sent.keySet());
  }

  private record Sent(String text, long atNanos) {}
}
