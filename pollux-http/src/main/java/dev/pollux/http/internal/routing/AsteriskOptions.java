package dev.pollux.http.internal.routing;

import dev.pollux.http.Handler;

/**
 * The answer to {@code OPTIONS * HTTP/1.1}, a question about the server rather than a resource (RFC
 * 9110 §9.3.7): {@code 200} with {@code Allow} listing the methods the server hands to its
 * handlers, and no body. {@code TRACE} and {@code CONNECT} are parsed but not implemented: no
 * handler of this server answers them.
 */
public final class AsteriskOptions {

  /** The methods in {@code Allow}. */
  public static final String ALLOW = "GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS";

  /** Answers {@code OPTIONS *}; the server's own handler never sees it. */
  public static final Handler HANDLER =
      (request, response) -> response.header("Allow", ALLOW).send();

  private AsteriskOptions() {}
}
