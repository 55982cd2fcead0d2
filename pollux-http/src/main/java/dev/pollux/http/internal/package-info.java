/**
 * The implementation of pollux-http, in five parts; nothing here is API, and no other module uses
 * it (the benchmarks measure the codec directly).
 *
 * <p><b>Design.</b> A request travels through the parts in one direction: {@link
 * dev.pollux.http.internal.connection} owns a TCP connection's HTTP life and feeds its bytes to
 * {@link dev.pollux.http.internal.codec}, which parses the request and later encodes the response;
 * the public {@link dev.pollux.http.Router} finds the handler with {@link
 * dev.pollux.http.internal.routing}; a body written over time (chunked, server-sent events) is one
 * of {@link dev.pollux.http.internal.streams}; after an upgrade the connection hands every event to
 * {@link dev.pollux.http.internal.websocket}. The connection depends on the four others; of those,
 * routing uses the codec's percent-decoding and WebSocket the streams' bounded queue, and none uses
 * the connection: where a part must call back (a stream writing its body, a route setting path
 * parameters) it names a small interface of its own that the connection implements.
 */
package dev.pollux.http.internal;
