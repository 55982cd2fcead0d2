package dev.pollux.bench.jmh;

import dev.pollux.http.internal.codec.ParseResult;
import dev.pollux.http.internal.codec.ParserLimits;
import dev.pollux.http.internal.codec.RequestParser;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Nanoseconds (and, with {@code -prof gc}, bytes allocated) to parse one request with Pollux's HTTP
 * parser, {@code dev.pollux.http.internal.codec.RequestParser}: a typical browser request (about
 * 500 bytes, ten header fields) and the TechEmpower plaintext request wrk sends. The parser is
 * public in an {@code internal} package, so it is measured directly, not through a server.
 *
 * <p>One parser is reused, as a connection reuses it: after {@code COMPLETE} it is ready for the
 * next request.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms256m", "-Xmx256m", "-XX:+UseParallelGC"})
public class RequestParserBenchmark {

  /** Chrome's request for a page, as sent to a device's dashboard. */
  static final String BROWSER =
      "GET /api/v1/sensors/thermal_zone0?since=1h HTTP/1.1\r\n"
          + "Host: raspberrypi.local:8080\r\n"
          + "Connection: keep-alive\r\n"
          + "Cache-Control: max-age=0\r\n"
          + "Upgrade-Insecure-Requests: 1\r\n"
          + "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/126.0.0.0 Safari/537.36\r\n"
          + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,"
          + "image/webp,image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7\r\n"
          + "Accept-Encoding: gzip, deflate\r\n"
          + "Accept-Language: en-GB,en-US;q=0.9,en;q=0.8\r\n"
          + "Cookie: session=5f2b9c0e1a7d4e3f8b6a; theme=dark\r\n"
          + "If-None-Match: \"3f80f-1b6-3e1cb03b\"\r\n"
          + "\r\n";

  /** What wrk sends in the TechEmpower plaintext test (its headers, wrk's Host). */
  static final String TECHEMPOWER =
      "GET /plaintext HTTP/1.1\r\n"
          + "Host: 127.0.0.1:8080\r\n"
          + "Accept: text/plain,text/html;q=0.9,application/xhtml+xml;q=0.9,"
          + "application/xml;q=0.8,*/*;q=0.7\r\n"
          + "Connection: keep-alive\r\n"
          + "\r\n";

  @Param({"browser", "techempower"})
  public String request;

  private ByteBuffer bytes;
  private RequestParser parser;

  /** Encodes the request once and makes the parser. */
  @Setup
  public void setUp() {
    String text = request.equals("browser") ? BROWSER : TECHEMPOWER;
    bytes = ByteBuffer.wrap(text.getBytes(StandardCharsets.US_ASCII));
    parser = new RequestParser(ParserLimits.DEFAULT);
    if (!(parse() instanceof ParseResult.Complete)) {
      throw new IllegalStateException("the " + request + " request does not parse");
    }
  }

  /** Parses the whole request, from the request line to the end of the (empty) body. */
  @Benchmark
  public ParseResult parse() {
    bytes.clear();
    ParseResult result;
    do {
      result = parser.parse(bytes);
    } while (result instanceof ParseResult.HeadComplete || result instanceof ParseResult.Content);
    return result;
  }
}
