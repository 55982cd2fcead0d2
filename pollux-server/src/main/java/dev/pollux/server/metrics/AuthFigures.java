package dev.pollux.server.metrics;

import java.util.Map;

/**
 * The authentication counts for {@code /metrics} per protocol label, e.g. {@code {http=12, tcp=3,
 * websocket=0}} wrong tokens and {@code {http=40, ...}} attempts refused while throttled.
 *
 * @param failures wrong tokens since start, by protocol
 * @param throttled attempts refused since start because their address failed too often
 */
public record AuthFigures(Map<String, Long> failures, Map<String, Long> throttled) {

  public AuthFigures {
    failures = Map.copyOf(failures);
    throttled = Map.copyOf(throttled);
  }
}
