package dev.pollux.http.internal.connection;

import dev.pollux.http.HttpStats;
import java.util.concurrent.atomic.LongAdder;

/** The live counters behind {@link HttpStats}: written by every loop, read from any thread. */
public final class HttpCounters {

  final LongAdder openConnections = new LongAdder();
  final LongAdder requestsInFlight = new LongAdder();
  final LongAdder requests = new LongAdder();
  final LongAdder bytesReceived = new LongAdder();
  final LongAdder bytesSent = new LongAdder();
  private final LongAdder[] byClass = {
    new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder(), new LongAdder()
  };

  void response(int status) {
    int index = status / 100 - 1;
    if (index >= 0 && index < byClass.length) {
      byClass[index].increment();
    }
  }

  /** A snapshot; each counter is read once, so the figures are close but not one instant. */
  public HttpStats snapshot() {
    return new HttpStats(
        openConnections.sum(),
        requestsInFlight.sum(),
        requests.sum(),
        byClass[0].sum(),
        byClass[1].sum(),
        byClass[2].sum(),
        byClass[3].sum(),
        byClass[4].sum(),
        bytesReceived.sum(),
        bytesSent.sum());
  }
}
