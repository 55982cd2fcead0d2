/**
 * HTTP/1.1 on one TCP connection: the {@link dev.pollux.loop.ConnectionHandler} that an {@link
 * dev.pollux.http.HttpServer} gives each connection, and what it is made of.
 *
 * <p><b>Design.</b> {@link dev.pollux.http.internal.connection.HttpConnection} is the one place
 * that decides: it runs the connection through its phases ({@link
 * dev.pollux.http.internal.connection.HttpPhase}: reading, a handler at work, a streamed body,
 * output blocked, upgraded, closed), dispatches each complete request to the handler, and answers
 * keep-alive, timeouts, back-pressure and closing. Its parts each own one concern: {@link
 * dev.pollux.http.internal.connection.RequestReader} assembles requests with the codec and bounds
 * their arrival in time, {@link dev.pollux.http.internal.connection.PendingInput} keeps the input
 * that must wait and applies back-pressure, {@link
 * dev.pollux.http.internal.connection.StreamedBody} carries a body written over time. {@link
 * dev.pollux.http.internal.connection.HttpRequest} and {@link
 * dev.pollux.http.internal.connection.HttpResponse} are the handler's view of one exchange, reused
 * for every request of the connection; the response carries its completion, from any thread, to the
 * loop. {@link dev.pollux.http.internal.connection.ResponseWriter} encodes responses without
 * deciding anything; {@link dev.pollux.http.internal.connection.BodyAccumulator} keeps a body that
 * spans reads; {@link dev.pollux.http.internal.connection.AccessLog} and {@link
 * dev.pollux.http.internal.connection.HttpCounters} count what went out. {@link
 * dev.pollux.http.internal.connection.HttpServerState} is what all connections of one server share.
 * This part depends on the four others; none of them depends on it.
 *
 * <p>Loop thread only, except where a type says otherwise.
 */
package dev.pollux.http.internal.connection;
