package dev.pollux.bench.load;

import dev.pollux.bench.Flags;
import dev.pollux.bench.SuppressForbidden;
import dev.pollux.http.HttpServer;
import dev.pollux.http.HttpServerOptions;
import dev.pollux.http.examples.TechEmpowerApp;
import dev.pollux.loop.EventLoopGroup;
import dev.pollux.loop.Transports;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * Pollux's TechEmpower app as the I/O-model experiment needs it: {@code IoModelServer --port P --io
 * MODEL [--loops N] [--max-connections 100000] [--keep-alive-seconds 0]}. The same server as {@code
 * BenchServer pollux} ({@link TechEmpowerApp} on an event-loop group of the transport {@code
 * MODEL}), but with room for tens of thousands of idle connections: the default limits of {@link
 * HttpServerOptions} (10 000 connections, a 60 s keep-alive timeout) would refuse or close the idle
 * clients the experiment holds, and {@code BenchServer} has no flags for them. {@code
 * --keep-alive-seconds 0} disables the keep-alive timeout. One more route, {@code GET /rusage},
 * answers the server's own {@link ProcessUsage} (CPU time and context switches of all its threads,
 * ended ones included), which the harness reads before and after a measured window. Prints {@code
 * listening on 127.0.0.1:P}; serves until SIGTERM or SIGINT. Exit status 2 for bad usage, 1 when it
 * cannot start.
 */
@SuppressForbidden
public final class IoModelServer {

  private IoModelServer() {}

  /** See the type's description. */
  public static void main(String[] args) throws InterruptedException {
    InetSocketAddress address;
    HttpServerOptions options;
    EventLoopGroup group;
    try {
      Flags flags =
          Flags.parse(
              args, List.of("port", "io", "loops", "max-connections", "keep-alive-seconds"));
      if (flags.word() != null) {
        throw new IllegalArgumentException("unexpected argument: " + flags.word());
      }
      address =
          new InetSocketAddress(
              InetAddress.getLoopbackAddress(), flags.getInt("port", 8080, 0, 65_535));
      options =
          HttpServerOptions.builder()
              .maxConnections(flags.getInt("max-connections", 100_000, 1, 10_000_000))
              .keepAliveTimeout(
                  Duration.ofSeconds(flags.getInt("keep-alive-seconds", 0, 0, 86_400)))
              .build();
      int loops = flags.getInt("loops", Runtime.getRuntime().availableProcessors(), 1, 1024);
      group = EventLoopGroup.create(Transports.byName(flags.get("io", "nio")), loops);
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      System.err.println("io-model-server: " + e.getMessage());
      System.exit(2);
      return;
    }
    HttpServer server;
    try {
      server =
          HttpServer.builder()
              .group(group)
              .bind(address)
              .options(options)
              .handler(
                  TechEmpowerApp.router()
                      .get(
                          "/rusage",
                          (request, response) ->
                              response
                                  .contentType("text/plain")
                                  .send(ProcessUsage.now().line() + "\n")))
              .start();
    } catch (IOException e) {
      group.close();
      System.err.println("io-model-server: " + e.getMessage());
      System.exit(1);
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  group.shutdownGracefully(Duration.ofSeconds(2));
                  stopped.countDown();
                },
                "io-model-server-stop"));
    System.out.println("listening on 127.0.0.1:" + server.localAddress().getPort());
    System.out.flush();
    stopped.await();
  }
}
