package dev.pollux.loop.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.loop.spi.StreamSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import org.junit.jupiter.api.Test;

/** A connection's output against its watermarks, its write budget and its flush schedule. */
class OutboundTest {

  private static final int KIB = 1024;

  private final Outbound output = new Outbound(32 * KIB, 64 * KIB);
  private final ByteBuffer[] gather = new ByteBuffer[PollingLoop.MAX_GATHER];

  @Test
  void passesTheHighWatermarkOnceAndDrainsToTheLowOnce() throws Exception {
    output.add(ByteBuffer.allocate(64 * KIB));
    assertThat(output.passedHigh()).as("at the high watermark, not past it").isFalse();
    output.add(ByteBuffer.allocate(6 * KIB));
    assertThat(output.passedHigh()).as("past it").isTrue();
    output.add(ByteBuffer.allocate(KIB));
    assertThat(output.passedHigh()).as("still past it: told once").isFalse();
    assertThat(output.aboveHigh()).isTrue();

    RoomySocket socket = new RoomySocket(38 * KIB);
    output.writeTo(socket, gather);
    assertThat(output.bytes()).isEqualTo(33 * KIB);
    assertThat(output.drainedToLow()).as("33 KiB left, above the low watermark").isFalse();
    assertThat(output.awaitsWritable()).as("the socket was full").isTrue();

    socket.room = KIB;
    output.writeTo(socket, gather);
    assertThat(output.drainedToLow()).as("32 KiB left, at the low watermark").isTrue();
    assertThat(output.drainedToLow()).as("told once").isFalse();
    assertThat(output.aboveHigh()).isFalse();
  }

  @Test
  void writesAtMostTheBudgetPerFlushAndThenWaitsForWritability() throws Exception {
    for (int i = 0; i < 30; i++) {
      output.add(ByteBuffer.allocate(10 * KIB));
    }
    RoomySocket socket = new RoomySocket(Long.MAX_VALUE);

    long first = output.writeTo(socket, gather);
    assertThat(first)
        .as("the budget, give or take the buffer that reaches it")
        .isBetween(Outbound.WRITE_BUDGET_BYTES, Outbound.WRITE_BUDGET_BYTES + 10 * KIB);
    assertThat(output.awaitsWritable()).as("the rest waits for the next flush").isTrue();
    output.flushing();
    assertThat(output.writeTo(socket, gather)).isEqualTo(300 * KIB - first);
    assertThat(output.awaitsWritable()).as("everything written").isFalse();
    assertThat(output.isEmpty()).isTrue();
    assertThat(output.bufferBytes()).isZero();
  }

  @Test
  void aFlushIsScheduledOnceUntilItRuns() {
    assertThat(output.scheduleFlush()).isTrue();
    assertThat(output.scheduleFlush()).as("already in the loop's flush queue").isFalse();
    output.flushing();
    assertThat(output.scheduleFlush()).isTrue();
  }

  /** A socket whose send buffer takes {@link #room} more bytes. */
  private static final class RoomySocket implements StreamSocket {
    long room;

    RoomySocket(long room) {
      this.room = room;
    }

    @Override
    public long write(ByteBuffer[] srcs, int offset, int length) {
      long written = 0;
      for (int i = offset; i < offset + length && room > 0; i++) {
        int n = (int) Math.min(room, srcs[i].remaining());
        srcs[i].position(srcs[i].position() + n);
        room -= n;
        written += n;
      }
      return written;
    }

    @Override
    public InetSocketAddress remoteAddress() {
      return new InetSocketAddress(0);
    }

    @Override
    public InetSocketAddress localAddress() {
      return new InetSocketAddress(0);
    }

    @Override
    public int read(ByteBuffer dst) {
      return 0;
    }

    @Override
    public long transferFrom(FileChannel file, long position, long count) {
      return 0;
    }

    @Override
    public void shutdownOutput() {}

    @Override
    public void abort() {}

    @Override
    public void close() {}
  }
}
