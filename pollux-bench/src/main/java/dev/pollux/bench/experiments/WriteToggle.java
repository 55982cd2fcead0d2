package dev.pollux.bench.experiments;

import dev.pollux.bench.SuppressForbidden;
import dev.pollux.epoll.EpollTransport;
import dev.pollux.loop.Connection;
import dev.pollux.loop.ConnectionHandler;
import dev.pollux.loop.EventLoopGroup;
import dev.pollux.loop.TcpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;

/**
 * Large responses to slow readers, the case where write interest comes and goes: a server on the
 * epoll transport (trigger from {@code -Dpollux.epoll.trigger}) answers every byte {@code \n} with
 * {@code --bytes} bytes; clients with a small receive buffer ask for one response at a time.
 *
 * <pre>
 * WriteToggle server --port P [--bytes 262144]           # one loop; runs until killed
 * WriteToggle client --port P [--connections 32] [--seconds 10] [--bytes 262144]
 * </pre>
 *
 * The client prints {@code responses=N seconds=S}; {@code bin/bench-epoll-modes --scenarios toggle}
 * counts the server's system calls meanwhile.
 */
@SuppressForbidden
public final class WriteToggle {

  private static final int CLIENT_RECEIVE_BUFFER = 16 * 1024;

  private WriteToggle() {}

  /** See the type's description. */
  public static void main(String[] args) throws Exception {
    if (args.length < 1) {
      throw new IllegalArgumentException("usage: WriteToggle server|client --port P ...");
    }
    int port = intFlag(args, "--port", 18091);
    int bytes = intFlag(args, "--bytes", 256 * 1024);
    if (args[0].equals("server")) {
      server(port, bytes);
    } else {
      client(port, bytes, intFlag(args, "--connections", 32), intFlag(args, "--seconds", 10));
    }
  }

  private static int intFlag(String[] args, String name, int fallback) {
    for (int i = 1; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return fallback;
  }

  private static void server(int port, int bytes) throws IOException, InterruptedException {
    EpollTransport transport = EpollTransport.create();
    EventLoopGroup group = EventLoopGroup.create(transport, 1);
    ByteBuffer response = ByteBuffer.allocateDirect(bytes);
    TcpServer server =
        TcpServer.builder()
            .group(group)
            .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port))
            .handler(connection -> answerEachNewline(response))
            .start();
    System.out.println(transport + " listening on " + server.localAddress());
    System.out.flush();
    new CountDownLatch(1).await();
  }

  private static ConnectionHandler answerEachNewline(ByteBuffer response) {
    return new ConnectionHandler() {
      @Override
      public void onData(Connection connection, ByteBuffer data) {
        while (data.hasRemaining()) {
          if (data.get() == '\n') {
            connection.write(response.duplicate());
          }
        }
      }
    };
  }

  private static void client(int port, int bytes, int connections, int seconds) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
    LongAdder responses = new LongAdder();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < connections; i++) {
        all.add(threads.submit(() -> askUntil(port, bytes, deadline, responses)));
      }
      for (Future<?> f : all) {
        f.get();
      }
    }
    System.out.println("responses=" + responses.sum() + " seconds=" + seconds);
  }

  private static Void askUntil(int port, int bytes, long deadline, LongAdder responses)
      throws IOException {
    try (Socket socket = new Socket()) {
      socket.setReceiveBufferSize(CLIENT_RECEIVE_BUFFER);
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[4096];
      while (System.nanoTime() < deadline) {
        out.write('\n');
        for (int left = bytes; left > 0; ) {
          int n = in.read(buffer, 0, Math.min(buffer.length, left));
          if (n < 0) {
            throw new IOException("the server closed with " + left + " bytes left");
          }
          left -= n;
        }
        responses.increment();
      }
    }
    return null;
  }
}
