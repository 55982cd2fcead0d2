package dev.pollux.bench;

import dev.pollux.bench.peers.PeerServer;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Runs one contestant of the load harness in this JVM until SIGTERM or SIGINT: {@code BenchServer
 * NAME --port P [--threads N] [--io MODEL] [--bind ADDR]}, e.g. {@code BenchServer netty-epoll
 * --port 8081}. Prints {@code listening on 127.0.0.1:P} once it accepts connections. Defaults:
 * 127.0.0.1, as many threads as processors this JVM may use (1 when pinned to one core), {@code
 * --io nio}. Exit status 2 for bad usage, 1 when it cannot start.
 */
@SuppressForbidden
public final class BenchServer {

  private BenchServer() {}

  /** See the type's description. */
  public static void main(String[] args) throws InterruptedException {
    Contestant contestant;
    InetSocketAddress address;
    int threads;
    String io;
    try {
      Flags flags = Flags.parse(args, List.of("port", "threads", "io", "bind"));
      if (flags.word() == null) {
        throw new IllegalArgumentException("which contestant? e.g. BenchServer pollux --port 8080");
      }
      contestant = Contestant.byLabel(flags.word());
      address =
          new InetSocketAddress(
              flags.get("bind", "127.0.0.1"), flags.getInt("port", 8080, 0, 65_535));
      threads = flags.getInt("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
      io = flags.get("io", "nio");
    } catch (IllegalArgumentException e) {
      System.err.println("bench-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    PeerServer server;
    try {
      server = contestant.start(address, threads, io);
    } catch (IllegalArgumentException e) {
      System.err.println("bench-server: " + e.getMessage());
      System.exit(2);
      return;
    } catch (Exception e) {
      System.err.println("bench-server: cannot start " + contestant.label() + ": " + e);
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "bench-shutdown"));
    System.out.println(
        contestant.label()
            + " ("
            + threads
            + " threads"
            + (contestant == Contestant.POLLUX ? ", io " + io : "")
            + ") listening on "
            + address.getHostString()
            + ":"
            + server.port());
    System.out.flush();
    stopped.await();
  }
}
