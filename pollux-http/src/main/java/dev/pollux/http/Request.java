package dev.pollux.http;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * A request as a handler sees it. Valid until its response is complete; a handler that completes
 * the response later (another thread) may read it until then, but not after.
 */
public interface Request {

  /** The method. */
  Method method();

  /** {@code HTTP/1.1} or {@code HTTP/1.0}. */
  String version();

  /**
   * The request target in origin form, e.g. {@code /api/v1/sensors?since=1h}; of an absolute-form
   * target ({@code http://device.lan/temp}) the path and query, whose authority {@link
   * #header(String) header("Host")} then gives.
   */
  String target();

  /** The path, percent-decoded (UTF-8), e.g. {@code /api/v1/sensors/cpu temp}. */
  String path();

  /**
   * The path as sent, still percent-encoded, except that encoded unreserved characters are decoded
   * (RFC 3986 §6.2.2.2: {@code /%74emp} is {@code /temp}); {@code %2F} and other reserved escapes
   * stay as sent. Routes match on it.
   */
  String rawPath();

  /** The query after {@code ?} as sent, or {@code null}. */
  String rawQuery();

  /** The first value of query parameter {@code name}, percent-decoded, or {@code null}. */
  String query(String name);

  /** All query parameters, percent-decoded, first value of each, in order. */
  Map<String, String> queryParameters();

  /**
   * A path parameter of the route that matched, e.g. {@code id} of {@code /sensors/{id}},
   * percent-decoded; for a mount, {@code "*"} is the rest of the path, still percent-encoded.
   */
  String pathParam(String name);

  /**
   * The first header field named {@code name} (any case), or {@code null}; for {@code Host}, an
   * absolute-form target's authority when there is one (RFC 9112 §3.2.2).
   */
  String header(String name);

  /**
   * The body, read-only; empty when there is none. Not copied when it arrived in one read: then it
   * is a view of the loop's read buffer, valid while {@link Handler#handle} runs on the loop (and
   * until the response is complete if the handler completes later). A handler that reads it on
   * another thread uses {@link Handler#blocking}, which copies it first, or copies it itself before
   * handing off.
   */
  ByteBuffer body();

  /** The body as UTF-8 text. */
  String bodyText();

  /** The peer's address. */
  InetSocketAddress remoteAddress();
}
