package dev.pollux.bench.peers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.util.ResourceLeakDetector;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * The peer of Pollux's TCP protocol port for the {@code tcp} scenario: a Netty server (native
 * epoll) that sends a one-line banner on connect and answers every line, e.g. {@code temp}, with a
 * fixed temperature line {@code 48.312}, flushing once per read batch so that pipelined lines share
 * one write. It reads no sensor: it measures the protocol path only, which flatters it slightly
 * against Pollux, whose answer comes from the sampler's snapshot.
 */
// Netty's idiom: writes with the void promise, closes and shutdowns whose futures nobody awaits.
@SuppressWarnings("FutureReturnValueIgnored")
public final class NettyLineServer implements PeerServer {

  private static final byte[] BANNER = "netty line server\n".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_LINE_BYTES = 4096;

  private final EventLoopGroup group;
  private final Channel channel;

  private NettyLineServer(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  /** Starts on {@code address} with {@code threads} epoll event loops. */
  public static NettyLineServer start(InetSocketAddress address, int threads)
      throws InterruptedException {
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, EpollIoHandler.newFactory());
    ByteBuf answer =
        Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes(Payloads.TEMPERATURE_LINE));
    try {
      Channel channel =
          new ServerBootstrap()
              .group(group)
              .channel(EpollServerSocketChannel.class)
              .option(ChannelOption.SO_BACKLOG, 8192)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      ch.pipeline()
                          .addLast(new LineBasedFrameDecoder(MAX_LINE_BYTES), new Handler(answer));
                    }
                  })
              .bind(address)
              .sync()
              .channel();
      return new NettyLineServer(group, channel);
    } catch (InterruptedException | RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  @Override
  public int port() {
    return ((InetSocketAddress) channel.localAddress()).getPort();
  }

  @Override
  public void close() {
    channel.close().syncUninterruptibly();
    group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
  }

  /** Banner on connect, the fixed answer per line, one flush per read batch. */
  private static final class Handler extends SimpleChannelInboundHandler<ByteBuf> {
    private final ByteBuf answer;

    Handler(ByteBuf answer) {
      this.answer = answer;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
      ctx.writeAndFlush(Unpooled.wrappedBuffer(BANNER), ctx.voidPromise());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
      ctx.write(answer.duplicate(), ctx.voidPromise());
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // A reset by the load client at the end of a run is expected: just close.
      ctx.close();
    }
  }
}
