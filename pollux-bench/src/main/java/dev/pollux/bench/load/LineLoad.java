package dev.pollux.bench.load;

import dev.pollux.bench.Flags;
import dev.pollux.bench.SuppressForbidden;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load client for line protocols, the {@code wrk} of the TCP scenario: {@code LineLoad --port P
 * [--connections 256] [--depth 16] [--seconds 10] [--line temp]}. Each connection (one virtual
 * thread) reads the server's banner line, then until the time is up sends {@code depth} lines at
 * once and reads {@code depth} answer lines, timing each batch. It prints one line for the harness:
 * {@code requests=… seconds=… rps=… errors=… p50_us=… p99_us=…}, where a request is one answered
 * line, errors count {@code ERR} answers and failed connections, and the latencies are per batch as
 * wrk reports them with its pipelining script.
 *
 * <p>Bounded: each socket read times out after {@link #READ_TIMEOUT_MILLIS}, each connection keeps
 * at most {@link #MAX_SAMPLES} latency samples, and the run is abandoned {@link #GRACE_SECONDS}
 * after its end.
 */
@SuppressForbidden
public final class LineLoad {

  private static final int READ_TIMEOUT_MILLIS = 5_000;
  private static final int MAX_SAMPLES = 1 << 16;
  private static final int GRACE_SECONDS = 15;

  private final InetSocketAddress address;
  private final byte[] batch;
  private final int depth;
  private final long deadlineNanos;
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong errors = new AtomicLong();

  private LineLoad(InetSocketAddress address, String line, int depth, long deadlineNanos) {
    this.address = address;
    this.depth = depth;
    this.deadlineNanos = deadlineNanos;
    this.batch = (line + "\n").repeat(depth).getBytes(StandardCharsets.US_ASCII);
  }

  /** See the type's description. */
  public static void main(String[] args) throws InterruptedException {
    Flags flags;
    int port;
    int connections;
    int depth;
    int seconds;
    try {
      flags = Flags.parse(args, List.of("port", "connections", "depth", "seconds", "line", "host"));
      port = flags.getInt("port", 9000, 1, 65_535);
      connections = flags.getInt("connections", 256, 1, 100_000);
      depth = flags.getInt("depth", 16, 1, 1024);
      seconds = flags.getInt("seconds", 10, 1, 3600);
    } catch (IllegalArgumentException e) {
      System.err.println("line-load: " + e.getMessage());
      System.exit(2);
      return;
    }
    InetSocketAddress address = new InetSocketAddress(flags.get("host", "127.0.0.1"), port);
    long start = System.nanoTime();
    LineLoad load =
        new LineLoad(address, flags.get("line", "temp"), depth, start + seconds * 1_000_000_000L);
    List<long[]> samples = new ArrayList<>();
    List<int[]> counts = new ArrayList<>();
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < connections; i++) {
        long[] mine = new long[MAX_SAMPLES];
        int[] count = new int[1];
        samples.add(mine);
        counts.add(count);
        threads.execute(() -> load.connection(mine, count));
      }
      threads.shutdown();
      if (!threads.awaitTermination(seconds + GRACE_SECONDS, TimeUnit.SECONDS)) {
        System.err.println("line-load: connections still busy after the grace period");
        threads.shutdownNow();
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] all = merge(samples, counts);
    System.out.println(
        String.format(
            Locale.ROOT,
            "requests=%d seconds=%.2f rps=%.1f errors=%d p50_us=%d p99_us=%d",
            load.requests.get(),
            elapsed,
            load.requests.get() / elapsed,
            load.errors.get(),
            percentile(all, 0.50) / 1000,
            percentile(all, 0.99) / 1000));
  }

  private void connection(long[] samples, int[] count) {
    try (Socket socket = new Socket()) {
      socket.connect(address, READ_TIMEOUT_MILLIS);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      InputStream in = new BufferedInputStream(socket.getInputStream(), 8192);
      OutputStream out = socket.getOutputStream();
      readLine(in); // the banner
      while (System.nanoTime() < deadlineNanos) {
        long sent = System.nanoTime();
        out.write(batch);
        for (int i = 0; i < depth; i++) {
          if (readLine(in)) {
            errors.incrementAndGet();
          }
        }
        requests.addAndGet(depth);
        if (count[0] < samples.length) {
          samples[count[0]++] = System.nanoTime() - sent;
        }
      }
    } catch (IOException e) {
      errors.incrementAndGet();
      System.getLogger(LineLoad.class.getName())
          .log(System.Logger.Level.DEBUG, () -> "connection failed: " + e);
    }
  }

  /** Reads one line; true when it is an {@code ERR} answer. */
  private static boolean readLine(InputStream in) throws IOException {
    int b = in.read();
    boolean err = b == 'E';
    while (b != '\n') {
      if (b < 0) {
        throw new IOException("the server closed the connection");
      }
      b = in.read();
    }
    return err;
  }

  private static long[] merge(List<long[]> samples, List<int[]> counts) {
    int total = 0;
    for (int[] c : counts) {
      total += c[0];
    }
    long[] all = new long[total];
    int at = 0;
    for (int i = 0; i < samples.size(); i++) {
      System.arraycopy(samples.get(i), 0, all, at, counts.get(i)[0]);
      at += counts.get(i)[0];
    }
    Arrays.sort(all);
    return all;
  }

  private static long percentile(long[] sorted, double q) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(q * sorted.length) - 1)];
  }
}
