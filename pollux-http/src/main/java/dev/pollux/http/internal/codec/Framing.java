package dev.pollux.http.internal.codec;

import dev.pollux.http.internal.codec.ParseResult.Invalid;

/**
 * Decides, once a request's header section is parsed, how its body is framed and whether the
 * connection stays open (RFC 9112 §6 and §9.3), refusing the combinations that allow request
 * smuggling: Content-Length with Transfer-Encoding, differing Content-Length values, a transfer
 * coding other than one final {@code chunked}, and Transfer-Encoding on HTTP/1.0.
 */
final class Framing {

  private Framing() {}

  /**
   * Fills the framing fields of {@code head}; returns why the request is refused, or null. {@code
   * scan} is the caller's reusable scratch state, so that a valid request allocates nothing.
   */
  static Invalid decide(RequestHead head, ParserLimits limits, Scan scan) {
    scan.reset();
    for (int i = 0; i < head.fieldCount; i++) {
      Invalid invalid = field(head, i, scan);
      if (invalid != null) {
        return invalid;
      }
    }
    return conclude(head, limits, scan);
  }

  /** What the scan of the fields found; one per parser, reset for each request. */
  static final class Scan {
    int hosts;
    long contentLength = RequestHead.NO_LENGTH;
    boolean transferEncoding;
    int chunkedCodings;
    int otherCodings;
    boolean lastCodingChunked;
    boolean close;
    boolean keepAlive;

    void reset() {
      hosts = 0;
      contentLength = RequestHead.NO_LENGTH;
      transferEncoding = false;
      chunkedCodings = 0;
      otherCodings = 0;
      lastCodingChunked = false;
      close = false;
      keepAlive = false;
    }
  }

  private static Invalid field(RequestHead head, int i, Scan scan) {
    byte[] bytes = head.bytes;
    int start = head.valueStart(i);
    int end = head.valueEnd(i);
    if (head.fieldIs(i, "host")) {
      scan.hosts++;
    } else if (head.fieldIs(i, "content-length")) {
      return contentLength(bytes, start, end, scan);
    } else if (head.fieldIs(i, "transfer-encoding")) {
      scan.transferEncoding = true;
      return codings(bytes, start, end, scan);
    } else if (head.fieldIs(i, "connection")) {
      connection(bytes, start, end, scan);
    } else if (head.fieldIs(i, "expect")) {
      if (!Ascii.equalsIgnoreCase(bytes, start, end, "100-continue")) {
        return new Invalid(417, "unsupported expectation");
      }
      head.expectContinue = head.version == 11;
    }
    return null;
  }

  /** A list of equal decimal lengths, e.g. {@code 5} or {@code 5, 5} (RFC 9110 §8.6). */
  private static Invalid contentLength(byte[] bytes, int start, int end, Scan scan) {
    return eachElement(bytes, start, end, scan, Framing::contentLengthElement);
  }

  private static Invalid codings(byte[] bytes, int start, int end, Scan scan) {
    return eachElement(bytes, start, end, scan, Framing::coding);
  }

  private static void connection(byte[] bytes, int start, int end, Scan scan) {
    eachElement(bytes, start, end, scan, Framing::connectionOption);
  }

  /** One element of a comma-separated field value, trimmed; a non-null answer ends the list. */
  private interface ListElement {
    Invalid accept(byte[] bytes, int start, int end, Scan scan);
  }

  /**
   * Calls {@code element} with each comma-separated element of {@code bytes[start, end)}, trimmed
   * of optional whitespace (RFC 9110 §5.6.1), until one answers {@link Invalid}.
   */
  private static Invalid eachElement(
      byte[] bytes, int start, int end, Scan scan, ListElement element) {
    int i = start;
    while (i <= end) {
      int elementEnd = i;
      while (elementEnd < end && bytes[elementEnd] != ',') {
        elementEnd++;
      }
      int s = trimStart(bytes, i, elementEnd);
      Invalid invalid = element.accept(bytes, s, trimEnd(bytes, s, elementEnd), scan);
      if (invalid != null) {
        return invalid;
      }
      i = elementEnd + 1;
    }
    return null;
  }

  private static Invalid contentLengthElement(byte[] bytes, int s, int e, Scan scan) {
    if (s == e) {
      return new Invalid(400, "invalid Content-Length");
    }
    long value = 0;
    for (int k = s; k < e; k++) {
      byte b = bytes[k];
      if (b < '0' || b > '9') {
        return new Invalid(400, "invalid Content-Length");
      }
      // Saturate instead of overflowing: any value this large is over every body limit.
      value = value > Long.MAX_VALUE / 20 ? Long.MAX_VALUE / 2 : value * 10 + (b - '0');
    }
    if (scan.contentLength != RequestHead.NO_LENGTH && scan.contentLength != value) {
      return new Invalid(400, "differing Content-Length values");
    }
    scan.contentLength = value;
    return null;
  }

  private static Invalid coding(byte[] bytes, int s, int e, Scan scan) {
    if (s == e) {
      return null; // empty list elements are allowed and ignored (RFC 9110 §5.6.1)
    }
    for (int k = s; k < e; k++) {
      if (!Ascii.isToken(bytes[k])) {
        return new Invalid(400, "invalid Transfer-Encoding");
      }
    }
    boolean chunked = Ascii.equalsIgnoreCase(bytes, s, e, "chunked");
    if (chunked) {
      scan.chunkedCodings++;
    } else {
      scan.otherCodings++;
    }
    scan.lastCodingChunked = chunked;
    return null;
  }

  private static Invalid connectionOption(byte[] bytes, int s, int e, Scan scan) {
    scan.close |= Ascii.equalsIgnoreCase(bytes, s, e, "close");
    scan.keepAlive |= Ascii.equalsIgnoreCase(bytes, s, e, "keep-alive");
    return null;
  }

  private static Invalid conclude(RequestHead head, ParserLimits limits, Scan scan) {
    // An absolute-form target's authority stands in for Host (and wins over it): RFC 9112 §3.2
    // has clients send Host even then, but the request says where it goes all the same.
    if (head.version == 11 && scan.hosts == 0 && !head.hasAuthority()) {
      return new Invalid(400, "missing Host header");
    }
    if (scan.hosts > 1) {
      return new Invalid(400, "more than one Host header");
    }
    if (scan.transferEncoding) {
      if (head.version == 10) {
        // RFC 9112 §6.1: Transfer-Encoding in an HTTP/1.0 request is faulty framing.
        return new Invalid(400, "Transfer-Encoding in an HTTP/1.0 request");
      }
      if (scan.contentLength != RequestHead.NO_LENGTH) {
        return new Invalid(400, "both Content-Length and Transfer-Encoding");
      }
      if (scan.chunkedCodings == 0 && scan.otherCodings > 0) {
        return new Invalid(501, "unsupported transfer coding");
      }
      if (scan.chunkedCodings != 1 || !scan.lastCodingChunked) {
        // RFC 9112 §6.3: without one final chunked the body length cannot be known.
        return new Invalid(400, "chunked is not the final transfer coding");
      }
      if (scan.otherCodings > 0) {
        return new Invalid(501, "unsupported transfer coding");
      }
      head.chunked = true;
    }
    if (scan.contentLength > limits.maxBodyBytes()) {
      return new Invalid(413, "body too large");
    }
    head.contentLength = scan.contentLength;
    head.keepAlive = head.version == 11 ? !scan.close : scan.keepAlive && !scan.close;
    return null;
  }

  private static int trimStart(byte[] bytes, int start, int end) {
    while (start < end && (bytes[start] == Ascii.SP || bytes[start] == Ascii.HT)) {
      start++;
    }
    return start;
  }

  private static int trimEnd(byte[] bytes, int start, int end) {
    while (end > start && (bytes[end - 1] == Ascii.SP || bytes[end - 1] == Ascii.HT)) {
      end--;
    }
    return end;
  }
}
