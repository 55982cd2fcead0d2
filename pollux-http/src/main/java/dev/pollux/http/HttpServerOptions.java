package dev.pollux.http;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The limits and timeouts of an {@link HttpServer}, each with the answer it gives when passed.
 *
 * @param maxRequestLineBytes longest request line ({@code 414}); default 8 KiB
 * @param maxHeaderBytes largest header section ({@code 431}); default 16 KiB
 * @param maxHeaderFields most header fields ({@code 431}); default 100
 * @param maxBodyBytes largest request body ({@code 413}); default 1 MiB
 * @param headerReadTimeout time from a request's first byte to its last, head and body: a request
 *     that has not fully arrived by then gets {@code 408}, then close, however steadily its bytes
 *     trickle in; default 10 s
 * @param keepAliveTimeout idle time between requests before a silent close; default 60 s
 * @param maxConnections open connections; beyond them {@code 503} and close; default 10 000
 * @param eventQueueCapacity events queued per server-sent event stream before the oldest are
 *     dropped; default 64
 * @param eventHeartbeat period of the heartbeat comment on event streams; default 15 s
 * @param defaultHeaders header fields added to every response the server sends: the handlers', the
 *     router's {@code 404}/{@code 405}, the server's own {@code 4xx}/{@code 5xx} and the {@code
 *     503} refusal — unless the response sets the same field itself; e.g. {@code
 *     X-Content-Type-Options: nosniff}; default none
 * @param webSocketMaxMessageBytes largest WebSocket message a client may send, fragments joined
 *     (close {@code 1009} beyond); default 64 KiB
 * @param webSocketQueueCapacity messages queued per WebSocket before the oldest are dropped;
 *     default 64
 * @param streamStallTimeout how long the queue of a server-sent event stream or a WebSocket may
 *     stay full (the client stopped reading, so nothing drains it) before the connection is closed;
 *     default 30 s
 * @param accessLog one line per completed response through the {@code System.Logger} {@value
 *     #ACCESS_LOGGER} at {@code INFO}; default off
 */
public record HttpServerOptions(
    int maxRequestLineBytes,
    int maxHeaderBytes,
    int maxHeaderFields,
    long maxBodyBytes,
    Duration headerReadTimeout,
    Duration keepAliveTimeout,
    int maxConnections,
    int eventQueueCapacity,
    Duration eventHeartbeat,
    Map<String, String> defaultHeaders,
    int webSocketMaxMessageBytes,
    int webSocketQueueCapacity,
    Duration streamStallTimeout,
    boolean accessLog) {

  /** The name of the access log's {@code System.Logger}. */
  public static final String ACCESS_LOGGER = "dev.pollux.http.access";

  /** The defaults of design.md. */
  public static HttpServerOptions defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** Checks every value. */
  public HttpServerOptions {
    atLeast("maxRequestLineBytes", maxRequestLineBytes, 16);
    atLeast("maxHeaderBytes", maxHeaderBytes, 16);
    atLeast("maxHeaderFields", maxHeaderFields, 1);
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes < 0: " + maxBodyBytes);
    }
    positive("headerReadTimeout", headerReadTimeout);
    if (keepAliveTimeout.isNegative()) {
      throw new IllegalArgumentException("keepAliveTimeout < 0: " + keepAliveTimeout);
    }
    atLeast("maxConnections", maxConnections, 1);
    atLeast("eventQueueCapacity", eventQueueCapacity, 1);
    positive("eventHeartbeat", eventHeartbeat);
    atLeast("webSocketMaxMessageBytes", webSocketMaxMessageBytes, 125);
    atLeast("webSocketQueueCapacity", webSocketQueueCapacity, 1);
    positive("streamStallTimeout", streamStallTimeout);
    defaultHeaders = Collections.unmodifiableMap(new LinkedHashMap<>(defaultHeaders));
    defaultHeaders.forEach(HttpServerOptions::checkHeader);
  }

  /** A default header must be a valid field the server does not own. */
  private static void checkHeader(String name, String value) {
    if (name.isEmpty()) {
      throw new IllegalArgumentException("default header with an empty name");
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c <= ' ' || c >= 0x7F || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
        throw new IllegalArgumentException("invalid default header name: " + name);
      }
    }
    for (String owned :
        new String[] {"content-length", "transfer-encoding", "connection", "date", "server"}) {
      if (owned.equalsIgnoreCase(name)) {
        throw new IllegalArgumentException("header set by the server: " + name);
      }
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < ' ' && c != '\t') || c == 0x7F || c > 0xFF) {
        throw new IllegalArgumentException(
            "invalid character in default header " + name + " at index " + i);
      }
    }
  }

  private static void atLeast(String name, long value, long min) {
    if (value < min) {
      throw new IllegalArgumentException(name + " < " + min + ": " + value);
    }
  }

  private static void positive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " <= 0: " + value);
    }
  }

  /** Builds {@link HttpServerOptions}; every setter starts from the default. */
  public static final class Builder {
    private int maxRequestLineBytes = 8 * 1024;
    private int maxHeaderBytes = 16 * 1024;
    private int maxHeaderFields = 100;
    private long maxBodyBytes = 1 << 20;
    private Duration headerReadTimeout = Duration.ofSeconds(10);
    private Duration keepAliveTimeout = Duration.ofSeconds(60);
    private int maxConnections = 10_000;
    private int eventQueueCapacity = 64;
    private Duration eventHeartbeat = Duration.ofSeconds(15);
    private final Map<String, String> defaultHeaders = new LinkedHashMap<>();
    private int webSocketMaxMessageBytes = 64 * 1024;
    private int webSocketQueueCapacity = 64;
    private Duration streamStallTimeout = Duration.ofSeconds(30);
    private boolean accessLog;

    private Builder() {}

    public Builder maxRequestLineBytes(int bytes) {
      this.maxRequestLineBytes = bytes;
      return this;
    }

    public Builder maxHeaderBytes(int bytes) {
      this.maxHeaderBytes = bytes;
      return this;
    }

    public Builder maxHeaderFields(int fields) {
      this.maxHeaderFields = fields;
      return this;
    }

    public Builder maxBodyBytes(long bytes) {
      this.maxBodyBytes = bytes;
      return this;
    }

    public Builder headerReadTimeout(Duration timeout) {
      this.headerReadTimeout = timeout;
      return this;
    }

    /** {@link Duration#ZERO} disables it. */
    public Builder keepAliveTimeout(Duration timeout) {
      this.keepAliveTimeout = timeout;
      return this;
    }

    public Builder maxConnections(int connections) {
      this.maxConnections = connections;
      return this;
    }

    public Builder eventQueueCapacity(int events) {
      this.eventQueueCapacity = events;
      return this;
    }

    public Builder eventHeartbeat(Duration period) {
      this.eventHeartbeat = period;
      return this;
    }

    /** Adds a field to every response, e.g. {@code X-Content-Type-Options: nosniff}. */
    public Builder defaultHeader(String name, String value) {
      checkHeader(name, value);
      this.defaultHeaders.put(name, value);
      return this;
    }

    public Builder webSocketMaxMessageBytes(int bytes) {
      this.webSocketMaxMessageBytes = bytes;
      return this;
    }

    public Builder webSocketQueueCapacity(int messages) {
      this.webSocketQueueCapacity = messages;
      return this;
    }

    /** How long a stream's queue may stay full before its client is closed (default 30 s). */
    public Builder streamStallTimeout(Duration timeout) {
      this.streamStallTimeout = timeout;
      return this;
    }

    /** Turns the access log on or off (default off); see {@link #ACCESS_LOGGER}. */
    public Builder accessLog(boolean on) {
      this.accessLog = on;
      return this;
    }

    public HttpServerOptions build() {
      return new HttpServerOptions(
          maxRequestLineBytes,
          maxHeaderBytes,
          maxHeaderFields,
          maxBodyBytes,
          headerReadTimeout,
          keepAliveTimeout,
          maxConnections,
          eventQueueCapacity,
          eventHeartbeat,
          defaultHeaders,
          webSocketMaxMessageBytes,
          webSocketQueueCapacity,
          streamStallTimeout,
          accessLog);
    }
  }
}
