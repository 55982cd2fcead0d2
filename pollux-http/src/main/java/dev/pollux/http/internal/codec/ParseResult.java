package dev.pollux.http.internal.codec;

/**
 * What one call of {@link RequestParser#parse} found: more bytes needed, the head complete, a piece
 * of body, the whole message, or an invalid request. {@link Invalid} is final: the connection
 * answers it once and closes. Every outcome but {@code Invalid} is a shared instance, so parsing a
 * valid request allocates nothing.
 */
public sealed interface ParseResult {

  /** The input is used up in the middle of a message. */
  ParseResult NEED_MORE = new NeedMore();

  /** The request line and header section are parsed; see {@link RequestParser#head()}. */
  ParseResult HEAD_COMPLETE = new HeadComplete();

  /** Body bytes sit in the input at {@link RequestParser#contentOffset()}. */
  ParseResult CONTENT = new Content();

  /** The message (head and body) is complete; the parser is ready for the next one. */
  ParseResult COMPLETE = new Complete();

  /** See {@link #NEED_MORE}. */
  record NeedMore() implements ParseResult {}

  /** See {@link #HEAD_COMPLETE}. */
  record HeadComplete() implements ParseResult {}

  /** See {@link #CONTENT}. */
  record Content() implements ParseResult {}

  /** See {@link #COMPLETE}. */
  record Complete() implements ParseResult {}

  /**
   * The request is malformed or over a limit: answer {@code status} and close. {@code reason} is
   * fixed text (never the peer's bytes), fit for the response's {@code detail} and for the log.
   */
  record Invalid(int status, String reason) implements ParseResult {}
}
