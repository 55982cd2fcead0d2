package dev.pollux.http.internal.websocket;

/** Opens {@link FrameParserTest}'s frame builder to the ITs of {@code dev.pollux.http}. */
public final class FrameParserTestSupport {

  private FrameParserTestSupport() {}

  /** A client frame; {@code mask} null for an unmasked one. */
  public static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, byte[] mask) {
    return FrameParserTest.frame(fin, rsv, opcode, payload, mask);
  }
}
