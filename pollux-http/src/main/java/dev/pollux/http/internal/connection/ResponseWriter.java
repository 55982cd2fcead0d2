package dev.pollux.http.internal.connection;

import dev.pollux.http.HttpStatus;
import dev.pollux.http.Method;
import dev.pollux.http.internal.codec.Problem;
import dev.pollux.http.internal.codec.RequestHead;
import dev.pollux.http.internal.codec.ResponseBatch;
import dev.pollux.http.internal.codec.ResponseHead;
import dev.pollux.loop.Connection;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;

/**
 * The wire side of one connection's responses: heads, fixed bodies, files, chunks and problem
 * answers, encoded into the {@link ResponseBatch} of the {@link Exchange} the connection holds
 * while a request is in flight, and counted (status counters, access log). It decides nothing:
 * whether to close, and what may be written when, is {@link HttpConnection}'s.
 *
 * <p>A response to {@code HEAD} gets its head only; {@code 204} and {@code 304} have no body and no
 * {@code Content-Length} (RFC 9110 §8.6). HTTP/1.0 has no chunked coding: a streamed body goes raw
 * and ends with the close.
 *
 * <p>Loop thread only.
 */
final class ResponseWriter {

  private static final System.Logger LOG = System.getLogger(ResponseWriter.class.getName());

  private final Connection connection;
  private final HttpCounters counters;
  private final AccessLog access;
  private final List<String> defaultHeaders;
  private ResponseBatch out; // the exchange's, null between requests
  private RequestHead request; // the head of the request answered

  ResponseWriter(HttpServerState server, Connection connection) {
    this.connection = connection;
    this.counters = server.counters();
    this.access = server.options().accessLog() ? new AccessLog() : AccessLog.OFF;
    this.defaultHeaders = server.defaultHeaders();
  }

  /** Writes into {@code exchange}'s batch, answering the requests of its parser. */
  void attach(Exchange exchange) {
    out = exchange.batch;
    request = exchange.reader.head();
  }

  /** Between requests (all flushed): the exchange goes back to its pool. */
  void detach() {
    out = null;
    request = null;
  }

  /** A request's head is complete: the access log's clock starts. */
  void begin() {
    access.begin();
  }

  /** {@code 100 Continue}, for a client that waits for it before its body. */
  void continueInterim() {
    out.bytes(ResponseHead.CONTINUE);
    counters.response(HttpStatus.CONTINUE);
  }

  /** A head of {@code r}'s status and fields; {@code length} as in {@link ResponseHead#write}. */
  void head(HttpResponse r, long length, boolean close) {
    head(r.status, r.contentType, r.headers, length, close);
  }

  /** An {@code application/problem+json} answer (RFC 9457) with a fixed-text {@code detail}. */
  void problem(int status, String detail, boolean close) {
    byte[] json = Problem.json(status, detail);
    head(status, Problem.CONTENT_TYPE, List.of(), json.length, close);
    if (!isHead()) {
      out.bytes(json);
      access.body(json.length);
    }
  }

  /** A whole response of {@code r} with {@code data} as its body. */
  void fixed(HttpResponse r, ByteBuffer data, boolean close) {
    boolean noBody = noBody(r.status);
    head(r, noBody ? ResponseHead.NONE : data.remaining(), close);
    if (!noBody && !isHead()) {
      access.body(data.remaining());
      out.body(data);
    }
  }

  /** A whole response of {@code r} with {@code data} as its body. */
  void fixed(HttpResponse r, byte[] data, boolean close) {
    boolean noBody = noBody(r.status);
    head(r, noBody ? ResponseHead.NONE : data.length, close);
    if (!noBody && !isHead()) {
      access.body(data.length);
      out.body(data);
    }
  }

  /**
   * A response of {@code r} whose body is {@code count} bytes of {@code file}; to {@code HEAD} the
   * head alone, and the file is closed.
   */
  void file(HttpResponse r, FileChannel file, long position, long count, boolean close) {
    head(r, count, close);
    if (isHead()) {
      unsent(file);
      return;
    }
    out.flush();
    access.body(count);
    counters.bytesSent.add(count);
    connection.writeFile(file, position, count);
  }

  /**
   * Closes {@code file}, which will not be sent (the connection is gone, or the request was HEAD).
   */
  static void unsent(FileChannel file) {
    try {
      file.close();
    } catch (IOException e) {
      LOG.log(Level.DEBUG, "closing a file not sent", e);
    }
  }

  /** The head of a body of unknown length: chunked, or until the close on HTTP/1.0. */
  void streamHead(HttpResponse r, boolean close) {
    head(r, http10() ? ResponseHead.UNTIL_CLOSE : ResponseHead.CHUNKED, close);
    out.flush();
  }

  /** One piece of a streamed body, gathered until {@link #flush}. */
  void chunk(byte[] bytes) {
    access.body(bytes.length);
    out.chunk(bytes, !http10());
  }

  /** The end of a streamed body (the last chunk; nothing on HTTP/1.0). */
  void endStream() {
    if (!http10() && !isHead()) {
      out.lastChunk();
    }
  }

  /** {@code 101 Switching Protocols} with {@code fields}. */
  void switchingProtocols(List<String> fields) {
    head(HttpStatus.SWITCHING_PROTOCOLS, null, fields, ResponseHead.NONE, false);
    out.flush();
  }

  /** The bytes gathered and not yet handed to the connection. */
  int gathered() {
    return out == null ? 0 : out.length();
  }

  /** Hands what is gathered to the connection. */
  void flush() {
    if (out != null) {
      out.flush();
    }
  }

  /** The response is complete (or the connection ended it): its access log line. */
  void logged() {
    access.done(connection.remoteAddress(), request);
  }

  boolean http10() {
    return request.version() == 10;
  }

  boolean isHead() {
    return request.method() == Method.HEAD;
  }

  private void head(
      int status, String contentType, List<String> headers, long length, boolean close) {
    counters.response(status);
    access.status(status);
    ResponseHead.write(out, status, contentType, headers, defaultHeaders, length, close, http10());
  }

  private static boolean noBody(int status) {
    return status == HttpStatus.NO_CONTENT || status == HttpStatus.NOT_MODIFIED;
  }
}
