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
 * so a body trickled a byte at a time is bounded too. Part of an {@link Exchange}: lent to one
 * connection at a time, while it has a request in flight.
 *
 * <p>Loop thread only.
 */
final class RequestReader {

  private final RequestParser parser;
  private final BodyAccumulator body = new BodyAccumulator();
  private final EventLoop loop;
  private final Duration timeout;
  private HttpConnection owner; // told when a request is not complete in time
  private Timeout timer; // armed while a request spans reads

  /** A reader held to {@code server}'s limits, its time limit kept on {@code loop}. */
  RequestReader(HttpServerState server, EventLoop loop) {
    this.parser = new RequestParser(server.limits());
    this.loop = loop;
    this.timeout = server.options().headerReadTimeout();
  }

  /** Reads the requests of {@code owner}, which hears when one is not complete in time. */
  void bind(HttpConnection owner) {
    this.owner = owner;
  }

  /** Forgets the connection, the request in progress and its body's array, for the next lending. */
  void reset() {
    cancelTimer();
    owner = null;
    parser.reset();
    body.release();
  }

  /** The head of the current request, reused for every request. */
  RequestHead head() {
    return parser.head();
  }

  /** True between requests: no byte of a next one has come. */
  boolean idle() {
    return parser.idle();
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
    owner.requestTimedOut();
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

  /** The bytes held: the head array and a body spread over reads. */
  long heldBytes() {
    return parser.heldBytes() + body.heldBytes();
  }
}
