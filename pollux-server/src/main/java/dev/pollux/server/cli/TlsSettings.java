package dev.pollux.server.cli;

import java.time.Duration;
import javax.net.ssl.SSLContext;

/**
 * What the TLS options resolved to: the HTTPS port, the server's keys as an {@link SSLContext},
 * whether the TCP protocol port speaks TLS too, and the handshake timeout.
 *
 * @param source where the keys came from, for the log, e.g. {@code "--tls-cert
 *     /etc/pollux/cert.pem"}
 */
public record TlsSettings(
    ListenPort httpsPort,
    SSLContext context,
    boolean tcpTls,
    Duration handshakeTimeout,
    String source) {}
