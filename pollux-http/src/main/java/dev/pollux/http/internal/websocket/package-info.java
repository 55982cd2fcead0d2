/**
 * WebSocket (RFC 6455) on a connection that has left HTTP: the opening handshake ({@link
 * dev.pollux.http.internal.websocket.WebSocketHandshake}), the client's frames ({@link
 * dev.pollux.http.internal.websocket.FrameParser}, incremental like the request parser, with the
 * payload held to the message limit before it is buffered), the server's frames ({@link
 * dev.pollux.http.internal.websocket.FrameEncoder}), text validated as it arrives ({@link
 * dev.pollux.http.internal.websocket.Utf8Validator}) and the close codes allowed on the wire
 * ({@link dev.pollux.http.internal.websocket.CloseCodes}).
 *
 * <p><b>Design.</b> {@link dev.pollux.http.internal.websocket.WebSocketSession} is a connection
 * handler of its own: once the 101 is out, the HTTP connection hands it every event and the input
 * that came behind the handshake. Sending goes through the streams' bounded drop-oldest queue, as
 * server-sent events do; pongs and the close frame bypass it.
 */
package dev.pollux.http.internal.websocket;
