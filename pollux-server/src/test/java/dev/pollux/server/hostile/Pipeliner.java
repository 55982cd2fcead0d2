package dev.pollux.server.hostile;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Peers that pipeline one request over and over and never read a reply: each connection is written
 * as fast as the kernel takes the bytes, until no connection has taken any for {@link #STALLED}
 * (the server stopped reading them: backpressure) or the time allowed is up. The connections stay
 * open, unread, until {@link #close()}.
 */
final class Pipeliner implements Closeable {

  /** No connection writable for this long: the server is not reading them any more. */
  static final Duration STALLED = Duration.ofSeconds(1);

  /** A small receive window, so that the replies a peer does not read fill it at once. */
  private static final int RECEIVE_BUFFER_BYTES = 4096;

  private final List<SocketChannel> channels = new ArrayList<>();
  private long bytesSent;

  private Pipeliner() {}

  /**
   * Opens {@code connections} from {@code source} to {@code port} and writes {@code request} on
   * them, repeated, for at most {@code atMost}.
   */
  static Pipeliner flood(String source, int port, int connections, String request, Duration atMost)
      throws IOException {
    Pipeliner pipeliner = new Pipeliner();
    try {
      pipeliner.connect(source, port, connections);
      pipeliner.write(request, atMost);
      return pipeliner;
    } catch (IOException | RuntimeException e) {
      pipeliner.close();
      throw e;
    }
  }

  private void connect(String source, int port, int connections) throws IOException {
    for (int i = 0; i < connections; i++) {
      SocketChannel channel = SocketChannel.open();
      channels.add(channel);
      channel.setOption(StandardSocketOptions.SO_RCVBUF, RECEIVE_BUFFER_BYTES);
      channel.bind(new InetSocketAddress(InetAddress.getByName(source), 0));
      channel.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      channel.configureBlocking(false);
    }
  }

  private void write(String request, Duration atMost) throws IOException {
    byte[] one = request.getBytes(StandardCharsets.US_ASCII);
    ByteBuffer chunk = ByteBuffer.allocate(one.length * Math.max(1, 65_536 / one.length));
    while (chunk.remaining() >= one.length) {
      chunk.put(one);
    }
    chunk.flip();
    long end = System.nanoTime() + atMost.toNanos();
    try (Selector selector = Selector.open()) {
      for (SocketChannel channel : channels) {
        channel.register(selector, SelectionKey.OP_WRITE, chunk.duplicate());
      }
      while (System.nanoTime() < end && selector.select(STALLED.toMillis()) > 0) {
        for (SelectionKey key : selector.selectedKeys()) {
          ByteBuffer pending = (ByteBuffer) key.attachment();
          if (!pending.hasRemaining()) {
            pending.rewind();
          }
          try {
            bytesSent += ((SocketChannel) key.channel()).write(pending);
          } catch (IOException e) {
            key.cancel(); // the server closed it: an answer too (a 503, a close at a limit)
          }
        }
        selector.selectedKeys().clear();
        if (selector.keys().isEmpty()) {
          return;
        }
      }
    }
  }

  /** The bytes of requests the server's side accepted. */
  long bytesSent() {
    return bytesSent;
  }

  @Override
  public void close() {
    IOException failure = null;
    for (SocketChannel channel : channels) {
      try {
        channel.close();
      } catch (IOException e) {
        failure = e;
      }
    }
    channels.clear();
    if (failure != null) {
      throw new UncheckedIOException(failure);
    }
  }
}
