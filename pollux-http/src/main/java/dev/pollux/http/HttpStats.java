package dev.pollux.http;

/**
 * A snapshot of an {@link HttpServer}'s counters, readable from any thread (for {@code /metrics}).
 *
 * @param openConnections connections open now
 * @param requestsInFlight requests handed to a handler whose response is not complete yet
 * @param requests requests received since start (complete heads, valid or not)
 * @param responses1xx responses with a 1xx status since start (interim {@code 100 Continue}
 *     included)
 * @param responses2xx responses with a 2xx status
 * @param responses3xx responses with a 3xx status
 * @param responses4xx responses with a 4xx status (including the parser's refusals)
 * @param responses5xx responses with a 5xx status
 * @param bytesReceived bytes read from peers
 * @param bytesSent bytes queued to peers (heads and bodies; files counted by their length)
 */
public record HttpStats(
    long openConnections,
    long requestsInFlight,
    long requests,
    long responses1xx,
    long responses2xx,
    long responses3xx,
    long responses4xx,
    long responses5xx,
    long bytesReceived,
    long bytesSent) {}
