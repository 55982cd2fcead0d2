package dev.pollux.loop.examples;

import dev.pollux.loop.Connection;
import dev.pollux.loop.ConnectionHandler;
import dev.pollux.loop.LineCodec;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Answers every line with itself: {@code "hello\r\n"} gets {@code "hello\n"}; a line over the limit
 * gets {@code "ERR line too long\n"} and the connection is closed.
 */
final class LineEchoHandler implements ConnectionHandler, LineCodec.Listener {

  private static final System.Logger LOG = System.getLogger(LineEchoHandler.class.getName());
  private static final byte[] TOO_LONG = "ERR line too long\n".getBytes(StandardCharsets.US_ASCII);

  private final Connection connection;
  private final LineCodec codec;

  LineEchoHandler(Connection connection, int maxLineBytes) {
    this.connection = connection;
    this.codec = new LineCodec(maxLineBytes, this);
  }

  @Override
  public void onData(Connection connection, ByteBuffer data) {
    codec.decode(data);
  }

  @Override
  public void onLine(String line) {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    ByteBuffer reply = ByteBuffer.allocate(bytes.length + 1).put(bytes).put((byte) '\n').flip();
    connection.write(reply);
  }

  @Override
  public void onLineTooLong() {
    LOG.log(Level.DEBUG, "client {0} sent a line over the limit", connection.remoteAddress());
    connection.write(ByteBuffer.wrap(TOO_LONG));
    connection.close();
  }
}
