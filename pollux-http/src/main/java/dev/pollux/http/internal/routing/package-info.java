/**
 * What maps a request to the code that answers it: the path templates of {@link
 * dev.pollux.http.Router} ({@link dev.pollux.http.internal.routing.Route}, which reports parameter
 * values through {@link dev.pollux.http.internal.routing.PathParameters}), the safe relative paths
 * and media types of {@link dev.pollux.http.StaticFiles} ({@link
 * dev.pollux.http.internal.routing.StaticPaths}, {@link
 * dev.pollux.http.internal.routing.ContentTypes}), and the server's own answer to {@code OPTIONS *}
 * ({@link dev.pollux.http.internal.routing.AsteriskOptions}). It uses the codec's percent-decoding
 * and nothing of the connection.
 */
package dev.pollux.http.internal.routing;
