package dev.pollux.http.internal.connection;

import dev.pollux.http.Method;
import dev.pollux.http.Request;
import dev.pollux.http.internal.codec.PercentDecoding;
import dev.pollux.http.internal.codec.RequestHead;
import dev.pollux.http.internal.routing.PathParameters;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.Map;

/**
 * The {@link Request} of an {@link Exchange}, reused for each request it carries: it reads the
 * parser's {@link RequestHead} in place and makes strings only when asked. The path of a request
 * whose target has the same bytes as the previous one's is not decoded again, so a stream of
 * pipelined {@code GET /plaintext} allocates no path at all.
 *
 * <p>Written on the loop thread; read by the handler, on the loop or on the one thread it handed
 * the request to, until the response is complete.
 */
public final class HttpRequest implements Request, PathParameters {

  private static final ByteBuffer EMPTY = ByteBuffer.allocate(0).asReadOnlyBuffer();

  private final RequestHead head;
  private InetSocketAddress remote; // the connection's peer, while the exchange is lent to it
  private byte[] cachedTarget; // the target bytes the strings below were made from
  private String target;
  private String rawPath;
  private String path;
  private String rawQuery;
  private Map<String, String> queryParameters;
  private ByteBuffer body = EMPTY;
  private boolean bodyBorrowed;
  private String[] paramNames = new String[4];
  private String[] paramValues = new String[4];
  private int paramCount;

  HttpRequest(RequestHead head, InetSocketAddress remote) {
    this.head = head;
    this.remote = remote;
  }

  /** The requests from now on come from {@code remote} (null: from nobody, while pooled). */
  void bind(InetSocketAddress remote) {
    this.remote = remote;
  }

  /** Starts a new request, its head parsed: its path and query, not yet a body. */
  void startHead() {
    this.body = EMPTY;
    this.bodyBorrowed = false;
    this.paramCount = 0;
    byte[] bytes = head.bytes();
    int start = head.targetStart();
    int end = head.targetEnd();
    if (cachedTarget == null
        || !Arrays.equals(bytes, start, end, cachedTarget, 0, cachedTarget.length)) {
      cachedTarget = Arrays.copyOfRange(bytes, start, end);
      target = new String(cachedTarget, StandardCharsets.ISO_8859_1);
      if (target.isEmpty() || target.charAt(0) == '?') {
        target = "/" + target; // an absolute-form target without a path (RFC 9112 §3.2.2)
      }
      int question = target.indexOf('?');
      // RFC 3986 §6.2.2.2: %74emp is /temp; reserved escapes like %2F keep their meaning.
      rawPath = PercentDecoding.unreserved(question < 0 ? target : target.substring(0, question));
      rawQuery = question < 0 ? null : target.substring(question + 1);
      path = null;
      queryParameters = null;
    }
  }

  /** The request is complete: its body is {@code body} (borrowed or owned), or none. */
  void start(ByteBuffer body, boolean borrowed) {
    this.body = body == null ? EMPTY : body.asReadOnlyBuffer();
    this.bodyBorrowed = borrowed && body != null;
    this.paramCount = 0;
  }

  /**
   * Copies the body if it is still a region of the loop's read buffer, for a handler that reads it
   * after this loop iteration; returns this request.
   */
  public HttpRequest detach() {
    if (bodyBorrowed) {
      ByteBuffer copy = ByteBuffer.allocate(body.remaining());
      copy.put(body.duplicate()).flip();
      body = copy.asReadOnlyBuffer();
      bodyBorrowed = false;
    }
    return this;
  }

  @Override
  public void pathParam(String name, String value) {
    if (paramCount == paramNames.length) {
      paramNames = Arrays.copyOf(paramNames, paramCount * 2);
      paramValues = Arrays.copyOf(paramValues, paramCount * 2);
    }
    paramNames[paramCount] = name;
    paramValues[paramCount] = value;
    paramCount++;
  }

  /** True for HEAD. */
  boolean isHead() {
    return head.method() == Method.HEAD;
  }

  /** 10 or 11. */
  int versionNumber() {
    return head.version();
  }

  @Override
  public Method method() {
    return head.method();
  }

  @Override
  public String version() {
    return head.version() == 11 ? "HTTP/1.1" : "HTTP/1.0";
  }

  @Override
  public String target() {
    return target;
  }

  @Override
  public String path() {
    if (path == null) {
      path = PercentDecoding.path(rawPath);
    }
    return path;
  }

  @Override
  public String rawPath() {
    return rawPath;
  }

  @Override
  public String rawQuery() {
    return rawQuery;
  }

  @Override
  public String query(String name) {
    return queryParameters().get(name);
  }

  @Override
  public Map<String, String> queryParameters() {
    if (queryParameters == null) {
      queryParameters = Collections.unmodifiableMap(PercentDecoding.parameters(rawQuery));
    }
    return queryParameters;
  }

  @Override
  public String pathParam(String name) {
    for (int i = paramCount - 1; i >= 0; i--) {
      if (paramNames[i].equals(name)) {
        return paramValues[i];
      }
    }
    return null;
  }

  /** True for {@code OPTIONS *}: a question about the server, not about a resource. */
  boolean isAsteriskOptions() {
    return head.method() == Method.OPTIONS && "*".equals(target);
  }

  @Override
  public String header(String name) {
    if (head.hasAuthority() && name.equalsIgnoreCase("host")) {
      return head.authority(); // RFC 9112 §3.2.2: an absolute-form target's authority wins
    }
    return head.header(name);
  }

  @Override
  public ByteBuffer body() {
    return body.duplicate();
  }

  @Override
  public String bodyText() {
    ByteBuffer b = body.duplicate();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  @Override
  public InetSocketAddress remoteAddress() {
    return remote;
  }

  @Override
  public String toString() {
    return head.method() + " " + rawPath;
  }
}
