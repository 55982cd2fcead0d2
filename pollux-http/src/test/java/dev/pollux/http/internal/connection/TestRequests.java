package dev.pollux.http.internal.connection;

import dev.pollux.http.internal.codec.ParseResult;
import dev.pollux.http.internal.codec.ParserLimits;
import dev.pollux.http.internal.codec.RequestParser;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** Builds {@link HttpRequest}s from raw bytes for unit tests of the layers above the parser. */
public final class TestRequests {

  private TestRequests() {}

  /** The request {@code raw} (one complete request) as a handler would see it. */
  public static HttpRequest of(String raw) {
    RequestParser parser = new RequestParser(ParserLimits.DEFAULT);
    ByteBuffer in = ByteBuffer.wrap(raw.getBytes(StandardCharsets.ISO_8859_1));
    BodyAccumulator body = new BodyAccumulator();
    HttpRequest request =
        new HttpRequest(parser.head(), InetSocketAddress.createUnresolved("test", 1));
    while (true) {
      ParseResult result = parser.parse(in);
      switch (result) {
        case ParseResult.Content c ->
            body.add(in, parser.contentOffset(), parser.contentLength(), -1);
        case ParseResult.Complete c -> {
          request.startHead();
          request.start(body.body(), false);
          return request;
        }
        case ParseResult.HeadComplete h -> body.reset();
        default -> throw new IllegalArgumentException("not one complete request: " + result);
      }
    }
  }
}
