package dev.pollux.loop;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.time.Duration;

/**
 * One accepted TCP connection, owned by one {@link EventLoop} for its whole life.
 *
 * <p>Every method except {@link #id()}, the addresses and {@link #loop()} must be called on the
 * owning loop's thread; other threads hand work to it with {@code connection.loop().execute(...)}.
 * Writes are queued and flushed once per loop iteration, gathered into one vectored write where the
 * transport can. When the queued output passes the high watermark the loop stops reading from this
 * peer until it drains below the low watermark, so a peer that does not read can never make the
 * server buffer more than about the high watermark for it.
 */
public interface Connection {

  /** A number unique among this process's connections, for logs. */
  long id();

  /** The peer's address. */
  InetSocketAddress remoteAddress();

  /** The local address the peer connected to. */
  InetSocketAddress localAddress();

  /** The loop that owns this connection. */
  EventLoop loop();

  /**
   * Queues bytes to be sent; they are flushed at the end of this loop iteration. The connection
   * takes ownership of {@code data} (from its position to its limit): the caller must not change it
   * afterwards. Writes after {@link #close()} or {@link #shutdownOutput()} are dropped.
   */
  void write(ByteBuffer data);

  /**
   * Queues {@code count} bytes of {@code file} from {@code position}, sent zero-copy ({@link
   * FileChannel#transferTo}) where the transport can. The connection closes {@code file} when the
   * region has been sent or the connection closes, whichever comes first.
   */
  void writeFile(FileChannel file, long position, long count);

  /** Bytes queued and not yet accepted by the kernel. */
  long queuedBytes();

  /**
   * Tells the server how many bytes the handler now holds for this connection outside its write
   * queue (a partial request head, a body being received, a WebSocket frame, a stream's pending
   * events), so that the server's memory budget counts them. Called with the new total whenever it
   * changes, and with 0 when the handler lets go of everything; the server forgets the figure when
   * the connection closes.
   */
  default void reportHeldBytes(long bytes) {}

  /**
   * True while the queued output is below the high watermark and the group is within its memory
   * budget; after false, {@link ConnectionHandler#onWritable} says when it is true again. Handlers
   * write what can wait (a stream's next events, answers to pipelined requests) only while it is
   * true.
   */
  boolean isWritable();

  /**
   * Stops reading from the peer until {@link #resumeReading()}, for protocols that must finish one
   * thing before they take the next (e.g. HTTP waiting on a slow handler). Independent of the
   * watermark: reading resumes only when neither holds it back.
   */
  void suspendReading();

  /** Undoes {@link #suspendReading()}. */
  void resumeReading();

  /** Sets this connection's idle timeout; {@link Duration#ZERO} disables it. */
  void setIdleTimeout(Duration timeout);

  /** Sends FIN once the queued output is flushed; the connection can still read. */
  void shutdownOutput();

  /**
   * Closes the connection once the queued output is flushed (bounded by the server's grace period
   * on shutdown). Reading stops at once. Idempotent.
   */
  void close();

  /** Closes the connection now, discarding queued output (a reset where the transport can). */
  void abort();

  /** False once {@link #close()} or {@link #abort()} has been called or the peer has gone. */
  boolean isOpen();
}
