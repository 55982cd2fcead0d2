package dev.pollux.gpio;

/**
 * An edge as the kernel reports it ({@code struct gpio_v2_line_event}), e.g. line 17 rose at 1 733
 * 390 000 123 456 789 ns, the 5th event of the request and the 3rd of the line.
 *
 * @param timestampNanos when the edge happened, ns since the epoch (the lines are requested with
 *     the realtime event clock)
 * @param rising true for a rising edge of the logical value, false for a falling one
 * @param offset the line's offset on its chip
 * @param seqno the event's number among all events of the request, from 1
 * @param lineSeqno the event's number among the events of its line, from 1; a gap means the
 *     kernel's event buffer overflowed and dropped the oldest
 */
public record EdgeEvent(long timestampNanos, boolean rising, int offset, int seqno, int lineSeqno) {

  /** The logical value after the edge: 1 after a rising edge, 0 after a falling one. */
  public int value() {
    return rising ? 1 : 0;
  }
}
