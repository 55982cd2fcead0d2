package dev.pollux.server.tcp;

import dev.pollux.device.Device;
import dev.pollux.loop.Connection;
import dev.pollux.loop.ConnectionHandler;
import dev.pollux.loop.ConnectionHandlerFactory;
import dev.pollux.server.Auth;
import dev.pollux.server.ServerInfo;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * The line-based TCP protocol of design.md ("TCP protocol"): {@code temp}, {@code list}, {@code
 * get}, {@code watch}, {@code stop}, {@code info}, {@code auth}, {@code set}, {@code help}, {@code
 * quit}. Makes one {@link TcpSession} per connection; {@link #close()} stops listening to the
 * sampler.
 */
public final class TcpProtocol implements ConnectionHandlerFactory, AutoCloseable {

  /** What a connection beyond {@code --max-connections} reads before it is closed. */
  public static final byte[] REFUSAL = "ERR busy\n".getBytes(StandardCharsets.UTF_8);

  private final TcpContext context;

  /** {@code blocking} runs actuator writes, which touch sysfs files, off the event loops. */
  public TcpProtocol(
      Device device, Auth auth, ServerInfo info, Executor blocking, Duration samplingInterval) {
    this.context =
        new TcpContext(
            device, auth, info, new WatchHub(), blocking, samplingInterval, new LongAdder());
    device.addListener(context.watches());
  }

  @Override
  public ConnectionHandler newHandler(Connection connection) {
    return new TcpSession(context, connection);
  }

  /** Watch lines not sent because their client did not read fast enough. */
  public long watchLinesDropped() {
    return context.watchLinesDropped().sum();
  }

  @Override
  public void close() {
    context.device().removeListener(context.watches());
  }
}
