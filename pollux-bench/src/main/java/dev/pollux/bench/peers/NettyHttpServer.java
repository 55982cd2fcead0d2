package dev.pollux.bench.peers;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.IdentityCipherSuiteFilter;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.util.AsciiString;
import io.netty.util.ResourceLeakDetector;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;

/**
 * The TechEmpower endpoints on Netty 4.2, as its TechEmpower entry does them: {@link
 * HttpServerCodec} without aggregation, responses written per request and flushed once per read
 * batch ({@code channelReadComplete}), so pipelined requests share one write; with the NIO or the
 * native epoll transport. Given a JDK {@link SSLContext}, it serves HTTPS through Netty's {@code
 * SslHandler} on that context's {@code SSLEngine} (Netty's JDK provider, not OpenSSL): the TLS
 * implementation Pollux uses.
 */
// Netty's idiom: writes with the void promise, closes and shutdowns whose futures nobody awaits.
@SuppressWarnings("FutureReturnValueIgnored")
public final class NettyHttpServer implements PeerServer {

  private static final AsciiString SERVER = AsciiString.cached("netty");
  private static final AsciiString TEXT_PLAIN = AsciiString.cached("text/plain");
  private static final AsciiString APPLICATION_JSON = AsciiString.cached("application/json");

  private final EventLoopGroup group;
  private final Channel channel;

  private NettyHttpServer(EventLoopGroup group, Channel channel) {
    this.group = group;
    this.channel = channel;
  }

  /**
   * Starts on {@code address} with {@code threads} event loops, native epoll when asked, serving
   * HTTPS with {@code tls}'s keys when it is not null.
   */
  public static NettyHttpServer start(
      InetSocketAddress address, int threads, boolean epoll, SSLContext tls)
      throws InterruptedException {
    SslContext ssl = tls == null ? null : jdkSsl(tls);
    ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
    IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
    Class<? extends ServerChannel> type =
        epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, io);
    try {
      Channel channel =
          new ServerBootstrap()
              .group(group)
              .channel(type)
              .option(ChannelOption.SO_BACKLOG, 8192)
              .option(ChannelOption.SO_REUSEADDR, true)
              .childHandler(
                  new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                      if (ssl != null) {
                        ch.pipeline().addLast(ssl.newHandler(ch.alloc()));
                      }
                      ch.pipeline().addLast(new HttpServerCodec(), new Handler());
                    }
                  })
              .bind(address)
              .sync()
              .channel();
      return new NettyHttpServer(group, channel);
    } catch (InterruptedException | RuntimeException e) {
      group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
      throw e;
    }
  }

  /**
   * {@code tls} as Netty's JDK provider, offering what Pollux offers: TLS 1.3 and 1.2 and the JDK's
   * cipher suites in the JDK's order (Netty's own order would pick {@code TLS_AES_128_GCM_SHA256}
   * where the JDK, and so Pollux, picks {@code TLS_AES_256_GCM_SHA384}).
   */
  private static SslContext jdkSsl(SSLContext tls) {
    return new JdkSslContext(
        tls,
        false,
        List.of(tls.getDefaultSSLParameters().getCipherSuites()),
        IdentityCipherSuiteFilter.INSTANCE,
        ApplicationProtocolConfig.DISABLED,
        ClientAuth.NONE,
        new String[] {"TLSv1.3", "TLSv1.2"},
        false);
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

  /** Answers each request as it is decoded; bodies of other requests are ignored. */
  private static final class Handler extends SimpleChannelInboundHandler<Object> {

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
      if (!(msg instanceof HttpRequest request)) {
        return;
      }
      FullHttpResponse response =
          switch (request.uri()) {
            case "/plaintext" -> ok(Unpooled.wrappedBuffer(Payloads.HELLO), TEXT_PLAIN);
            case "/json" ->
                ok(Unpooled.wrappedBuffer(Payloads.json(Payloads.MESSAGE)), APPLICATION_JSON);
            default -> notFound();
          };
      if (HttpUtil.isKeepAlive(request)) {
        ctx.write(response, ctx.voidPromise());
      } else {
        ctx.write(response).addListener(ChannelFutureListener.CLOSE);
      }
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
      ctx.flush();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
      // A reset by the load generator at the end of a run is expected: just close.
      ctx.close();
    }

    private static FullHttpResponse notFound() {
      FullHttpResponse response =
          new DefaultFullHttpResponse(
              HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND, Unpooled.EMPTY_BUFFER);
      response.headers().set(HttpHeaderNames.CONTENT_LENGTH, HttpHeaderValues.ZERO);
      return response;
    }

    private static FullHttpResponse ok(io.netty.buffer.ByteBuf body, AsciiString type) {
      FullHttpResponse response =
          new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, body);
      HttpHeaders headers = response.headers();
      headers.set(HttpHeaderNames.CONTENT_TYPE, type);
      headers.set(HttpHeaderNames.SERVER, SERVER);
      headers.set(HttpHeaderNames.DATE, Payloads.httpDate());
      headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
      return response;
    }
  }
}
