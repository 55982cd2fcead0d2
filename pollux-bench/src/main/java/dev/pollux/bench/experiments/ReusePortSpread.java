package dev.pollux.bench.experiments;

import dev.pollux.bench.SuppressForbidden;
import dev.pollux.epoll.EpollTransport;
import dev.pollux.loop.Connection;
import dev.pollux.loop.ConnectionHandler;
import dev.pollux.loop.EventLoopGroup;
import dev.pollux.loop.TcpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What decides {@code SO_REUSEPORT} per loop against one acceptor that spreads round-robin, on this
 * machine: (i) how evenly the kernel spreads connections from one client address over 2 and 4
 * {@code SO_REUSEPORT} listeners (it hashes the 4-tuple, so only the source port varies), against
 * round-robin's perfect spread; (ii) the connections per second that one acceptor loop of the epoll
 * transport accepts when clients connect and are dropped as fast as they can.
 *
 * <pre>
 * ReusePortSpread [--trials 20] [--seconds 5] [--clients 4]
 * </pre>
 *
 * A measurement, not a test: it prints a table and asserts nothing. Run it with the bench class
 * path and {@code --enable-native-access=ALL-UNNAMED}, e.g. as {@code pollux-epoll/README.md} says.
 */
@SuppressForbidden
public final class ReusePortSpread {

  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  private ReusePortSpread() {}

  /** See the type's description. */
  public static void main(String[] args) throws Exception {
    int trials = intFlag(args, "--trials", 20);
    int seconds = intFlag(args, "--seconds", 5);
    int clients = intFlag(args, "--clients", 4);
    System.out.println(
        "SO_REUSEPORT spread, "
            + trials
            + " trials each: busiest listener's connections / an even share (round-robin: 1.00)");
    System.out.println("listeners connections  mean-max  worst-max  mean-min  round-robin-max");
    for (int listeners : new int[] {2, 4}) {
      for (int connections : new int[] {16, 64, 256}) {
        spread(listeners, connections, trials);
      }
    }
    acceptRate(seconds, clients);
  }

  private static int intFlag(String[] args, String name, int fallback) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }

  private static void spread(int listeners, int connections, int trials) throws IOException {
    double even = (double) connections / listeners;
    double sumMax = 0;
    double worstMax = 0;
    double sumMin = 0;
    for (int t = 0; t < trials; t++) {
      int[] counts = oneTrial(listeners, connections);
      int max = 0;
      int min = Integer.MAX_VALUE;
      for (int c : counts) {
        max = Math.max(max, c);
        min = Math.min(min, c);
      }
      sumMax += max / even;
      worstMax = Math.max(worstMax, max / even);
      sumMin += min / even;
    }
    double roundRobin = Math.ceil(even) / even;
    System.out.println(
        String.format(
            Locale.ROOT,
            "%9d %11d %9.2f %10.2f %9.2f %16.2f",
            listeners,
            connections,
            sumMax / trials,
            worstMax,
            sumMin / trials,
            roundRobin));
  }

  /** Binds {@code listeners} sockets to one port, connects, and counts what each one accepts. */
  private static int[] oneTrial(int listeners, int connections) throws IOException {
    List<ServerSocketChannel> servers = new ArrayList<>();
    List<SocketChannel> sockets = new ArrayList<>();
    try {
      int port = 0;
      for (int i = 0; i < listeners; i++) {
        ServerSocketChannel server = ServerSocketChannel.open();
        servers.add(server);
        server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
        server.bind(new InetSocketAddress(LOOPBACK, port), connections);
        server.configureBlocking(false);
        port = ((InetSocketAddress) server.getLocalAddress()).getPort();
      }
      for (int i = 0; i < connections; i++) {
        sockets.add(SocketChannel.open(new InetSocketAddress(LOOPBACK, port)));
      }
      int[] counts = new int[listeners];
      // connect() returns once the handshake is done, so every connection is queued already.
      for (int i = 0; i < listeners; i++) {
        for (SocketChannel s; (s = servers.get(i).accept()) != null; ) {
          sockets.add(s);
          counts[i]++;
        }
      }
      return counts;
    } finally {
      for (SocketChannel s : sockets) {
        s.close();
      }
      for (ServerSocketChannel s : servers) {
        s.close();
      }
    }
  }

  /** Connections per second one acceptor loop takes when each is dropped at once (RST). */
  private static void acceptRate(int seconds, int clients) throws Exception {
    EventLoopGroup group = EventLoopGroup.create(EpollTransport.create(), 1);
    try {
      TcpServer server =
          TcpServer.builder()
              .group(group)
              .bind(new InetSocketAddress(LOOPBACK, 0))
              .handler(connection -> dropAtOnce())
              .start();
      int port = server.localAddress().getPort();
      long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
      long before = server.stats().accepted();
      long start = System.nanoTime();
      try (ExecutorService threads = Executors.newFixedThreadPool(clients)) {
        List<Future<?>> all = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
          all.add(threads.submit(() -> churn(port, deadline)));
        }
        for (Future<?> f : all) {
          f.get();
        }
      }
      double elapsed = (System.nanoTime() - start) / 1e9;
      long accepted = server.stats().accepted() - before;
      System.out.println(
          String.format(
              Locale.ROOT,
              "one acceptor loop (%s): %d connections in %.1f s = %.0f accepts/s (%d"
                  + " client threads in the same JVM)",
              EpollTransport.create(),
              accepted,
              elapsed,
              accepted / elapsed,
              clients));
      server.close();
    } finally {
      group.shutdownGracefully(Duration.ofSeconds(5));
    }
  }

  private static ConnectionHandler dropAtOnce() {
    return new ConnectionHandler() {
      @Override
      public void onOpen(Connection connection) {
        connection.abort(); // RST: no TIME_WAIT left on either side to run out of ports
      }

      @Override
      public void onData(Connection connection, ByteBuffer data) {}
    };
  }

  private static Void churn(int port, long deadline) throws IOException {
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket(LOOPBACK, port)) {
        InputStream in = socket.getInputStream();
        while (in.read() >= 0) {
          // until the server's reset or end of stream
        }
      } catch (SocketException e) {
        // "Connection reset": the server dropped it, which is the point
        if (!String.valueOf(e.getMessage()).contains("reset")) {
          throw e;
        }
      }
    }
    return null;
  }
}
