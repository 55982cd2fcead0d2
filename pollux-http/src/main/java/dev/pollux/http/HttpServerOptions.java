package dev.pollux.http;

import java.time.Duration;

/**
 * The limits and timeouts of an {@link HttpServer}, each with the answer it gives when passed.
 *
 * @param maxRequestLineBytes longest request line ({@code 414}); default 8 KiB
 * @param maxHeaderBytes largest header section ({@code 431}); default 16 KiB
 * @param maxHeaderFields most header fields ({@code 431}); default 100
 * @param maxBodyBytes largest request body ({@code 413}); default 1 MiB
 * @param headerReadTimeout time from a request's first byte to the end of its header section
 *     ({@code 408}, then close); default 10 s
 * @param keepAliveTimeout idle time between requests before a silent close; default 60 s
 * @param maxConnections open connections; beyond them {@code 503} and close; default 10 000
 * @param eventQueueCapacity events queued per server-sent event stream before the oldest are
 *     dropped; default 64
 * @param eventHeartbeat period of the heartbeat comment on event streams; default 15 s
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
    Duration eventHeartbeat) {

  /** The defaults of DESIGN.md. */
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
          eventHeartbeat);
    }
  }
}
