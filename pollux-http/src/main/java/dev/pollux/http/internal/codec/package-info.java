/**
 * The HTTP/1.1 codec (RFC 9112): bytes in, request heads and body regions out; responses in, bytes
 * out. It knows nothing of connections, handlers or the loop's timers.
 *
 * <p><b>Design.</b> {@link dev.pollux.http.internal.codec.RequestParser} is incremental and
 * resumable: it consumes what a read brought and returns a {@link
 * dev.pollux.http.internal.codec.ParseResult} ({@code NeedMore}, {@code HeadComplete}, {@code
 * Content}, {@code Complete}, or the final {@code Invalid} with the status to answer); any split of
 * the input gives the same results. The head is kept as offsets into one reused array ({@link
 * dev.pollux.http.internal.codec.RequestHead}); body bytes are never copied, only reported as a
 * region of the input ({@link dev.pollux.http.internal.codec.BodyParser}). {@link
 * dev.pollux.http.internal.codec.Framing} decides how the body is framed and refuses the shapes
 * that allow smuggling; {@link dev.pollux.http.internal.codec.ParserLimits} bounds every part
 * before it is buffered. On the way out, {@link dev.pollux.http.internal.codec.ResponseHead}
 * encodes heads into a {@link dev.pollux.http.internal.codec.ResponseBatch}, the bytes of a
 * pipelined batch of responses that the connection hands to the loop in one write. {@link
 * dev.pollux.http.internal.codec.Problem}, {@link dev.pollux.http.internal.codec.HttpDates}, {@link
 * dev.pollux.http.internal.codec.PercentDecoding} and {@link dev.pollux.http.internal.codec.Ascii}
 * are the formats and byte classes the parts above share.
 *
 * <p>Everything here is used on one connection's loop thread, except the stateless helpers.
 */
package dev.pollux.http.internal.codec;
