package dev.pollux.bench;

import dev.pollux.bench.peers.PeerServer;
import dev.pollux.bench.peers.ServerKeys;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import javax.net.ssl.SSLContext;

/**
 * Runs one contestant of the load harness in this JVM until SIGTERM or SIGINT: {@code BenchServer
 * NAME --port P [--threads N] [--io MODEL] [--bind ADDR] [--tls-keystore FILE.p12 --tls-password
 * PW]}, e.g. {@code BenchServer netty-epoll --port 8081}. Prints {@code listening on 127.0.0.1:P}
 * once it accepts connections. Defaults: 127.0.0.1, as many threads as processors this JVM may use
 * (1 when pinned to one core), {@code --io nio}, plain HTTP; with {@code --tls-keystore} (Pollux
 * and Netty only) HTTPS with the key of that PKCS#12 store. Exit status 2 for bad usage, 1 when it
 * cannot start.
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
    String keystore;
    char[] password;
    try {
      Flags flags =
          Flags.parse(
              args, List.of("port", "threads", "io", "bind", "tls-keystore", "tls-password"));
      if (flags.word() == null) {
        throw new IllegalArgumentException("which contestant? e.g. BenchServer pollux --port 8080");
      }
      contestant = Contestant.byLabel(flags.word());
      address =
          new InetSocketAddress(
              flags.get("bind", "127.0.0.1"), flags.getInt("port", 8080, 0, 65_535));
      threads = flags.getInt("threads", Runtime.getRuntime().availableProcessors(), 1, 1024);
      io = flags.get("io", "nio");
      keystore = flags.get("tls-keystore", null);
      password = flags.get("tls-password", "").toCharArray();
    } catch (IllegalArgumentException e) {
      System.err.println("bench-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    PeerServer server;
    try {
      SSLContext tls = keystore == null ? null : ServerKeys.load(Path.of(keystore), password);
      server = contestant.start(address, threads, io, tls);
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
            + (keystore == null ? "" : ", https")
            + ") listening on "
            + address.getHostString()
            + ":"
            + server.port());
    System.out.flush();
    stopped.await();
  }
}
