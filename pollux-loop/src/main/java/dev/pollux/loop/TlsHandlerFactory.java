package dev.pollux.loop;

import dev.pollux.loop.internal.TlsHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * A {@link ConnectionHandlerFactory} that puts TLS 1.2/1.3 (the JDK's {@link SSLEngine}) between
 * the socket and another factory's handlers, so that a protocol runs over TLS unchanged:
 *
 * <pre>{@code
 * TcpServer.builder()
 *     .group(group)
 *     .bind(address)
 *     .handler(TlsHandlerFactory.builder(sslContext).applicationProtocols("http/1.1").build(http))
 *     .start();
 * }</pre>
 *
 * <p>Design: each connection gets a TLS handler, which makes its {@link SSLEngine} only when the
 * first bytes arrive (a silent connection costs its timer and little else), and unwraps the peer's
 * records into the inner handler's {@code onData} and shows the inner handler a {@link Connection}
 * whose writes are wrapped into records and queued as ciphertext, so the watermarks apply to the
 * ciphertext. The inner handler is made and opened only once the handshake has finished. The
 * engine's delegated tasks (certificate and key work) run on a virtual thread while the connection
 * stops reading; the connection resumes on its loop. A handshake that does not finish within the
 * handshake timeout is aborted; a TLS 1.2 renegotiation is refused by closing; closing sends {@code
 * close_notify}. File regions are read in bounded chunks on a virtual thread and copied through the
 * engine (no zero-copy under TLS), one chunk at a time while the connection is writable.
 */
public final class TlsHandlerFactory implements ConnectionHandlerFactory {

  /** How long a handshake may take by default. */
  public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private final SSLContext context;
  private final List<String> applicationProtocols;
  private final Duration handshakeTimeout;
  private final byte[] plainTextRefusal;
  private final ConnectionHandlerFactory handlers;

  private TlsHandlerFactory(Builder builder, ConnectionHandlerFactory handlers) {
    this.context = builder.context;
    this.applicationProtocols = builder.applicationProtocols;
    this.handshakeTimeout = builder.handshakeTimeout;
    this.plainTextRefusal = builder.plainTextRefusal;
    this.handlers = Objects.requireNonNull(handlers, "handlers");
  }

  /** TLS with the defaults (no ALPN, a 10 s handshake timeout) around {@code handlers}. */
  public static TlsHandlerFactory wrap(SSLContext context, ConnectionHandlerFactory handlers) {
    return builder(context).build(handlers);
  }

  /** A builder for TLS with the server keys and trust of {@code context}. */
  public static Builder builder(SSLContext context) {
    return new Builder(context);
  }

  @Override
  public ConnectionHandler newHandler(Connection connection) {
    return new TlsHandler(this::newEngine, handlers, handshakeTimeout, plainTextRefusal);
  }

  /** An engine in server mode with this factory's protocols; made on a connection's first bytes. */
  private SSLEngine newEngine() {
    SSLEngine engine = context.createSSLEngine();
    engine.setUseClientMode(false);
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setProtocols(PROTOCOLS);
    if (!applicationProtocols.isEmpty()) {
      parameters.setApplicationProtocols(applicationProtocols.toArray(String[]::new));
    }
    engine.setSSLParameters(parameters);
    return engine;
  }

  /** Settings of a {@link TlsHandlerFactory}. */
  public static final class Builder {
    private final SSLContext context;
    private List<String> applicationProtocols = List.of();
    private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;
    private byte[] plainTextRefusal = new byte[0];

    private Builder(SSLContext context) {
      this.context = Objects.requireNonNull(context, "context");
    }

    /**
     * The ALPN protocols offered, in order of preference, e.g. {@code "http/1.1"}; none by default.
     */
    public Builder applicationProtocols(String... protocols) {
      this.applicationProtocols = List.of(protocols);
      return this;
    }

    /** Aborts a connection whose handshake has not finished after {@code timeout}; default 10 s. */
    public Builder handshakeTimeout(Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("handshakeTimeout <= 0: " + timeout);
      }
      this.handshakeTimeout = timeout;
      return this;
    }

    /**
     * Bytes sent in clear, then close, to a peer whose first byte is printable ASCII (someone
     * speaking plain text, e.g. HTTP, to the TLS port); empty (the default) answers with a TLS
     * alert instead.
     */
    public Builder plainTextRefusal(String text) {
      this.plainTextRefusal = text.getBytes(StandardCharsets.US_ASCII);
      return this;
    }

    /** The factory that runs {@code handlers} over TLS. */
    public TlsHandlerFactory build(ConnectionHandlerFactory handlers) {
      return new TlsHandlerFactory(this, handlers);
    }
  }
}
