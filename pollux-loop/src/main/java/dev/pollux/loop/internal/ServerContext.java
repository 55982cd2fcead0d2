package dev.pollux.loop.internal;

import dev.pollux.loop.ConnectionHandlerFactory;
import dev.pollux.loop.ServerStats;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the connections of one TCP server share: its settings and its counters. The counters are
 * updated by every loop without locks and read racily by {@link #stats()}.
 */
public final class ServerContext {

  final String name;
  final ConnectionHandlerFactory handlers;
  final long idleTimeoutNanos;
  final int lowWatermarkBytes;
  final int highWatermarkBytes;

  /** Open connections; also the admission count checked against the maximum. */
  final AtomicLong open = new AtomicLong();

  final LongAdder accepted = new LongAdder();
  final LongAdder refused = new LongAdder();
  final LongAdder refusedOverBudget = new LongAdder();
  final LongAdder bytesRead = new LongAdder();
  final LongAdder bytesWritten = new LongAdder();

  public ServerContext(
      String name,
      ConnectionHandlerFactory handlers,
      long idleTimeoutNanos,
      int lowWatermarkBytes,
      int highWatermarkBytes) {
    this.name = name;
    this.handlers = handlers;
    this.idleTimeoutNanos = idleTimeoutNanos;
    this.lowWatermarkBytes = lowWatermarkBytes;
    this.highWatermarkBytes = highWatermarkBytes;
  }

  /** The counters now. */
  public ServerStats stats() {
    return new ServerStats(
        open.get(),
        accepted.sum(),
        refused.sum(),
        bytesRead.sum(),
        bytesWritten.sum(),
        refusedOverBudget.sum());
  }

  public String name() {
    return name;
  }
}
