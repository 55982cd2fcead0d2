package dev.pollux.loop.internal;

import dev.pollux.loop.spi.StreamSocket;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * A connection's queued output: buffers and file regions in order, written with one vectored write
 * per run of buffers and {@code transferTo} per file region. Loop thread only.
 */
final class WriteQueue {

  private static final System.Logger LOG = System.getLogger(WriteQueue.class.getName());

  /** {@link ByteBuffer}s and {@link FileRegion}s, oldest first. */
  private final ArrayDeque<Object> items = new ArrayDeque<>();

  private long bytes;

  /** The part of {@link #bytes} in buffers (file regions are not in memory). */
  private long bufferBytes;

  /** Whether the last {@link #writeTo} stopped because the socket's send buffer was full. */
  private boolean blocked;

  long bytes() {
    return bytes;
  }

  /** Bytes queued in buffers, as counted against the memory budget. */
  long bufferBytes() {
    return bufferBytes;
  }

  boolean isEmpty() {
    return items.isEmpty();
  }

  boolean blocked() {
    return blocked;
  }

  void add(ByteBuffer data) {
    items.add(data);
    bytes += data.remaining();
    bufferBytes += data.remaining();
  }

  void add(FileRegion region) {
    items.add(region);
    bytes += region.remaining;
  }

  /**
   * Writes as much as the socket takes, up to about {@code budgetBytes}; returns the bytes written.
   * {@code gather} is the loop's scratch array for the vectored write.
   */
  long writeTo(StreamSocket socket, ByteBuffer[] gather, long budgetBytes) throws IOException {
    blocked = false;
    long total = 0;
    while (!items.isEmpty() && total < budgetBytes && !blocked) {
      long written =
          items.peek() instanceof FileRegion region
              ? transfer(socket, region, budgetBytes - total)
              : gathered(socket, gather, budgetBytes - total);
      total += written;
      bytes -= written;
    }
    return total;
  }

  private long gathered(StreamSocket socket, ByteBuffer[] gather, long budgetBytes)
      throws IOException {
    int count = 0;
    long offered = 0;
    for (Object item : items) {
      if (!(item instanceof ByteBuffer buffer)
          || count == gather.length
          || offered >= budgetBytes) {
        break;
      }
      gather[count++] = buffer;
      offered += buffer.remaining();
    }
    long written;
    try {
      written = socket.write(gather, 0, count);
    } finally {
      Arrays.fill(gather, 0, count, null);
    }
    bufferBytes -= written;
    while (!items.isEmpty() && items.peek() instanceof ByteBuffer head && !head.hasRemaining()) {
      items.poll();
    }
    blocked = written < offered;
    return written;
  }

  private long transfer(StreamSocket socket, FileRegion region, long budgetBytes)
      throws IOException {
    long offered = Math.min(region.remaining, budgetBytes);
    long written = socket.transferFrom(region.file, region.position, offered);
    region.position += written;
    region.remaining -= written;
    if (region.remaining == 0) {
      items.poll();
      closeFile(region.file);
    }
    // transferTo may send less than offered without the socket being full; only 0 means full.
    blocked = written == 0;
    return written;
  }

  /** Drops everything queued, closing the files; the connection is gone. */
  void discard() {
    for (Object item : items) {
      if (item instanceof FileRegion region) {
        closeFile(region.file);
      }
    }
    items.clear();
    bytes = 0;
    bufferBytes = 0;
  }

  static void closeFile(FileChannel file) {
    try {
      file.close();
    } catch (IOException e) {
      LOG.log(Level.WARNING, "closing a sent file failed", e);
    }
  }
}
