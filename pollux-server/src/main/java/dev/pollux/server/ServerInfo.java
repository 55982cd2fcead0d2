package dev.pollux.server;

import java.time.Duration;

/**
 * What the server says about itself in {@code info}, {@code /api/v1/device} and {@code /metrics}:
 * e.g. {@code id=greenhouse-2 version=0.1.0 uptime=93 io=nio}.
 *
 * @param deviceId the device id of {@code --device-id}
 * @param hostName this machine's host name
 * @param version Pollux's version
 * @param startedAtNanos {@link System#nanoTime()} at start, for the uptime
 * @param ioModel the I/O model that runs, e.g. {@code nio} (never {@code auto})
 * @param loops the number of event loops
 */
public record ServerInfo(
    String deviceId,
    String hostName,
    String version,
    long startedAtNanos,
    String ioModel,
    int loops) {

  /** How long the server has been running. */
  public Duration uptime() {
    return Duration.ofNanos(System.nanoTime() - startedAtNanos);
  }
}
