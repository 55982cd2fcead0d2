package dev.pollux.loop.internal;

import dev.pollux.loop.HostPort;
import dev.pollux.loop.spi.StreamSocket;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** A connected {@link SocketChannel} of the NIO transport. */
final class NioStreamSocket implements StreamSocket, NioChannelSocket {

  private final SocketChannel channel;
  private final InetSocketAddress remoteAddress;
  private final InetSocketAddress localAddress;

  NioStreamSocket(SocketChannel channel) throws IOException {
    this.channel = channel;
    this.remoteAddress = (InetSocketAddress) channel.getRemoteAddress();
    this.localAddress = (InetSocketAddress) channel.getLocalAddress();
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return remoteAddress;
  }

  @Override
  public InetSocketAddress localAddress() {
    return localAddress;
  }

  @Override
  public int read(ByteBuffer dst) throws IOException {
    return channel.read(dst);
  }

  @Override
  public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
    return length == 1 ? channel.write(srcs[offset]) : channel.write(srcs, offset, length);
  }

  @Override
  public long transferFrom(FileChannel file, long position, long count) throws IOException {
    return file.transferTo(position, count, channel);
  }

  @Override
  public void shutdownOutput() throws IOException {
    channel.shutdownOutput();
  }

  @Override
  public void abort() throws IOException {
    try {
      channel.setOption(StandardSocketOptions.SO_LINGER, 0);
    } finally {
      channel.close();
    }
  }

  @Override
  public void close() throws IOException {
    channel.close();
  }

  @Override
  public SelectableChannel channel() {
    return channel;
  }

  @Override
  public int readOp() {
    return SelectionKey.OP_READ;
  }

  @Override
  public String toString() {
    return HostPort.of(remoteAddress);
  }
}
