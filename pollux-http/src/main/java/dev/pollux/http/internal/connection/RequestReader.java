package dev.pollux.http.internal.connection;

import dev.pollux.http.internal.codec.ParseResult;
import dev.pollux.http.internal.codec.RequestHead;
import dev.pollux.http.internal.codec.RequestParser;
import dev.pollux.loop.EventLoop;
import dev.pollux.loop.Timeout;
import java.nio.ByteBuffer;
import java.time.Duration;

/**
 * One request at a time, assembled from a connection's reads: the parser, the body collected from
 * the parser's content regions, and the time limit on the request's whole arrival, head and body
 * ({@code headerReadTimeout}, answered {@code 408}). The limit is armed only when a request spans
 * reads, so pipelined complete requests cost no timer, and it runs until the request is complete,
 * so a body trickled a byte at a time is bounded too. The parser and the body come from the {@link
 * Exchange} the connection holds while a request is in flight; between requests it has none.
 *
 * <p>Loop thread only.
 */
final class RequestReader {

  private final EventLoop loop;
  private final Duration timeout;
  private final Runnable timedOut;
  private RequestParser parser; // the exchange's, null between requests
  private BodyAccumulator body;
  private Timeout timer; // armed while a request spans reads

  /**
   * A reader held to {@code server}'s limits; {@code timedOut} runs on {@code loop} when a request
   * is not complete in time.
   */
  RequestReader(HttpServerState server, EventLoop loop, Runnable timedOut) {
    this.loop = loop;
    this.timeout = server.options().headerReadTimeout();
    this.timedOut = timedOut;
  }

  /** Reads requests with {@code exchange}'s parser and body. */
  void attach(Exchange exchange) {
    parser = exchange.parser;
    body = exchange.body;
  }

  /** Between requests: the exchange goes back to its pool. */
  void detach() {
    parser = null;
    body = null;
  }

  /** The head of the current request; only while an exchange is attached. */
  RequestHead head() {
    return parser.head();
  }

  /** True between requests: no byte of a next one has come. */
  boolean idle() {
    return parser == null || parser.idle();
  }

  /**
   * Parses {@code in} up to what the connection acts on, collecting body bytes on the way: {@code
   * HeadComplete}, {@code Complete} (the time limit ends), {@code NeedMore} (a body in progress is
   * copied out of the read buffer, which is about to be reused, and the time limit starts if it has
   * not), or {@code Invalid}. Never {@code Content}.
   */
  ParseResult read(ByteBuffer in) {
    while (true) {
      ParseResult result = parser.parse(in);
      switch (result) {
        case ParseResult.Content content ->
            body.add(
                in, parser.contentOffset(), parser.contentLength(), parser.head().contentLength());
        case ParseResult.HeadComplete headComplete -> {
          body.reset();
          return result;
        }
        case ParseResult.Complete complete -> {
          cancelTimer();
          return result;
        }
        case ParseResult.NeedMore needMore -> {
          waitForMore();
          return result;
        }
        case ParseResult.Invalid invalid -> {
          return result;
        }
      }
    }
  }

  private void waitForMore() {
    if (!parser.idle() && !parser.readingHead()) {
      body.own(parser.head().contentLength()); // mid-body: the read buffer is about to be reused
    }
    if (!parser.idle() && timer == null) {
      timer = loop.schedule(timeout, this::expired);
    }
  }

  private void expired() {
    timer = null;
    timedOut.run();
  }

  /** Holds the current request's body to {@code bytes} (its route's limit). */
  void limitBody(long bytes) {
    parser.limitBody(bytes);
  }

  /** The complete request's body, or null when it had none. */
  ByteBuffer body() {
    return body.body();
  }

  /** True while the body is still a slice of the loop's read buffer. */
  boolean bodyBorrowed() {
    return body.isBorrowed();
  }

  /** The request ends without completing (refused): its time limit goes. */
  void cancelTimer() {
    if (timer != null) {
      timer.cancel();
      timer = null;
    }
  }

  /** The bytes held: the head array and a body spread over reads; none between requests. */
  long heldBytes() {
    return parser == null ? 0 : parser.heldBytes() + body.heldBytes();
  }
}
