/**
 * Response bodies written over time: {@link dev.pollux.http.internal.streams.ChunkedStream} (a
 * {@link dev.pollux.http.ResponseStream}) and {@link dev.pollux.http.internal.streams.SseStream}
 * (an {@link dev.pollux.http.EventStream}), and the bounded queue between the threads that send and
 * the loop that writes.
 *
 * <p><b>Design.</b> A sender on any thread encodes its message and puts it into a {@link
 * dev.pollux.http.internal.streams.DropOldestQueue}; the loop drains the queue into the connection
 * only while the connection is below its high watermark. A client that falls behind loses the
 * oldest messages (counted), so it holds at most the queue and the watermark; one whose queue stays
 * full for the stall timeout has stopped reading and is closed. The WebSocket part uses the same
 * queue. A stream writes through a {@link dev.pollux.http.internal.streams.StreamSink}, which the
 * connection implements; the connection ignores a stream that is no longer its current one.
 */
package dev.pollux.http.internal.streams;
