package dev.pollux.loop.internal;

import dev.pollux.loop.Connection;
import dev.pollux.loop.EventLoop;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;
import java.util.ArrayDeque;

/**
 * The {@link Connection} a protocol sees over TLS: its writes are wrapped into records by the
 * {@link TlsHandler} and queued on the socket's connection, whose watermarks then count ciphertext.
 *
 * <p>Plaintext waits here only while the engine cannot take it (a delegated task runs) or behind a
 * file region. A file region is read in chunks of {@link #FILE_CHUNK_BYTES} on a virtual thread
 * (file reads never run on a loop), one chunk at a time and only while the socket's queue is below
 * its high watermark, so a large file costs a bounded amount of memory. Loop thread only.
 */
final class TlsConnection implements Connection {

  private static final System.Logger LOG = System.getLogger(TlsConnection.class.getName());

  /** Bytes of a file region read and wrapped at a time. */
  static final int FILE_CHUNK_BYTES = 64 * 1024;

  private final Connection raw;
  private final TlsHandler tls;

  // Loop thread only. Each element is a ByteBuffer or a FileRegion (advanced as it is read).
  private final ArrayDeque<Object> pending = new ArrayDeque<>();
  private boolean fileReadInFlight;
  private boolean closeAsked;
  private boolean shutdownAsked;

  TlsConnection(Connection raw, TlsHandler tls) {
    this.raw = raw;
    this.tls = tls;
  }

  @Override
  public void write(ByteBuffer data) {
    if (!isOpen() || shutdownAsked || !data.hasRemaining()) {
      return;
    }
    pending.add(data);
    pump();
    tls.report();
  }

  @Override
  public void writeFile(FileChannel file, long position, long count) {
    if (!isOpen() || shutdownAsked || count <= 0) {
      WriteQueue.closeFile(file);
      return;
    }
    pending.add(new FileRegion(file, position, count));
    pump();
  }

  /** Wraps what the engine can take now; then carries out a close asked for earlier. */
  void pump() {
    while (!pending.isEmpty() && tls.canSeal()) {
      Object head = pending.peek();
      if (head instanceof ByteBuffer buffer) {
        if (!tls.seal(buffer)) {
          return;
        }
        pending.poll();
      } else {
        if (!fileReadInFlight && raw.isWritable()) {
          readChunk((FileRegion) head);
        }
        return;
      }
    }
    if (pending.isEmpty() && (closeAsked || shutdownAsked) && raw.isOpen()) {
      tls.closeOutbound(!closeAsked);
    }
  }

  private void readChunk(FileRegion region) {
    fileReadInFlight = true;
    EventLoop loop = raw.loop();
    FileChannel file = region.file;
    long start = region.position;
    ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(FILE_CHUNK_BYTES, region.remaining));
    Thread.ofVirtual()
        .name("pollux-tls-file")
        .start(
            () -> {
              IOException failure = null;
              try {
                while (chunk.hasRemaining()) {
                  if (file.read(chunk, start + chunk.position()) < 0) {
                    throw new IOException("end of file before the region's end at " + start);
                  }
                }
              } catch (IOException e) {
                failure = e;
              }
              IOException failed = failure;
              loop.execute(() -> chunkRead(region, chunk.flip(), failed));
            });
  }

  private void chunkRead(FileRegion region, ByteBuffer chunk, IOException failure) {
    fileReadInFlight = false;
    if (!raw.isOpen()) {
      return; // released() closed the file
    }
    if (failure != null) {
      LOG.log(Level.WARNING, "reading a file for " + raw + " failed; aborting it", failure);
      raw.abort();
      return;
    }
    region.position += chunk.remaining();
    region.remaining -= chunk.remaining();
    if (region.remaining == 0) {
      pending.remove(region);
      WriteQueue.closeFile(region.file);
    }
    if (!tls.seal(chunk)) {
      pending.addFirst(chunk);
    }
    pump();
  }

  /** The socket's connection is closed: close the files still waiting. */
  void released() {
    for (Object item : pending) {
      if (item instanceof FileRegion region) {
        WriteQueue.closeFile(region.file);
      }
    }
    pending.clear();
  }

  @Override
  public long queuedBytes() {
    long bytes = raw.queuedBytes();
    for (Object item : pending) {
      bytes += item instanceof ByteBuffer b ? b.remaining() : ((FileRegion) item).remaining;
    }
    return bytes;
  }

  /** Plaintext waiting in memory for the engine (file regions are not in memory). */
  long pendingBytes() {
    if (pending.isEmpty()) {
      return 0;
    }
    long bytes = 0;
    for (Object item : pending) {
      if (item instanceof ByteBuffer buffer) {
        bytes += buffer.remaining();
      }
    }
    return bytes;
  }

  @Override
  public void reportHeldBytes(long bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("held bytes < 0: " + bytes);
    }
    tls.innerHeld(bytes);
  }

  @Override
  public boolean isWritable() {
    return raw.isWritable();
  }

  @Override
  public void suspendReading() {
    tls.suspendInner();
  }

  @Override
  public void resumeReading() {
    tls.resumeInner();
  }

  @Override
  public void setIdleTimeout(Duration timeout) {
    raw.setIdleTimeout(timeout);
  }

  @Override
  public void shutdownOutput() {
    if (isOpen() && !shutdownAsked) {
      shutdownAsked = true;
      pump();
    }
  }

  @Override
  public void close() {
    if (!closeAsked && raw.isOpen()) {
      closeAsked = true;
      pump();
    }
  }

  @Override
  public void abort() {
    raw.abort();
  }

  @Override
  public boolean isOpen() {
    return raw.isOpen() && !closeAsked;
  }

  @Override
  public long id() {
    return raw.id();
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return raw.remoteAddress();
  }

  @Override
  public InetSocketAddress localAddress() {
    return raw.localAddress();
  }

  @Override
  public EventLoop loop() {
    return raw.loop();
  }

  @Override
  public String toString() {
    return "TLS " + raw;
  }
}
