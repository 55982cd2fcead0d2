package dev.pollux.loop.internal;

import dev.pollux.loop.HostPort;
import dev.pollux.loop.spi.ListenSocket;
import dev.pollux.loop.spi.StreamSocket;
import java.io.IOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.channels.spi.SelectorProvider;

/** A listening {@link ServerSocketChannel} of the NIO transport. */
public final class NioListenSocket implements ListenSocket, NioChannelSocket {

  private final ServerSocketChannel channel;
  private final InetSocketAddress localAddress;

  private NioListenSocket(ServerSocketChannel channel) throws IOException {
    this.channel = channel;
    this.localAddress = (InetSocketAddress) channel.getLocalAddress();
  }

  /**
   * Opens, binds and listens; a failure to bind is a {@link BindException} like {@code "cannot
   * listen on 127.0.0.1:9000: Address already in use"}.
   */
  public static NioListenSocket bind(
      SelectorProvider provider, InetSocketAddress address, int backlog) throws IOException {
    ServerSocketChannel channel = provider.openServerSocketChannel();
    try {
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(address, backlog);
      return new NioListenSocket(channel);
    } catch (IOException e) {
      channel.close();
      BindException bind =
          new BindException("cannot listen on " + HostPort.of(address) + ": " + e.getMessage());
      bind.initCause(e);
      throw bind;
    }
  }

  @Override
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  @Override
  public StreamSocket accept() throws IOException {
    SocketChannel accepted = channel.accept();
    if (accepted == null) {
      return null;
    }
    try {
      accepted.configureBlocking(false);
      accepted.setOption(StandardSocketOptions.TCP_NODELAY, true);
      accepted.setOption(StandardSocketOptions.SO_SNDBUF, ACCEPTED_SEND_BUFFER_BYTES);
      return new NioStreamSocket(accepted);
    } catch (IOException e) {
      accepted.close();
      throw e;
    }
  }

  @Override
  public SelectableChannel channel() {
    return channel;
  }

  @Override
  public int readOp() {
    return SelectionKey.OP_ACCEPT;
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  @Override
  public String toString() {
    return "listener " + HostPort.of(localAddress);
  }
}
