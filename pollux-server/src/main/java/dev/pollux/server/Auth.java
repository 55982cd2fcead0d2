package dev.pollux.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The bearer token that guards writes (LEDs), shared by HTTP, TCP and MQTT. Without a configured
 * token every write is refused. Comparison takes the same time whatever the guess, so the token
 * cannot be found byte by byte by timing the answers.
 */
public final class Auth {

  private final byte[] token;

  /** {@code token} empty: writes are refused on every path. */
  public Auth(Optional<String> token) {
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
  }

  /** Whether writes can be allowed at all. */
  public boolean enabled() {
    return token != null;
  }

  /**
   * True when a token is configured and {@code candidate} is it. Constant time in the candidate.
   */
  public boolean accepts(String candidate) {
    if (token == null || candidate == null) {
      return false;
    }
    // MessageDigest.isEqual is constant-time for equal lengths, and does not stop early on length.
    return MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public String toString() {
    return enabled() ? "Auth[token set]" : "Auth[no token: writes refused]";
  }
}
