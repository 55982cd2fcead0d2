package dev.pollux.server;

import java.lang.System.Logger.Level;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * The bearer token that guards writes (LEDs), shared by HTTP, TCP and MQTT. Without a configured
 * token every write is refused. Comparison takes the same time whatever the guess, so the token
 * cannot be found byte by byte by timing the answers; nor by trying many, since {@link #attempt}
 * counts wrong ones per address in an {@link AuthThrottle} shared by every protocol.
 */
public final class Auth {

  /** Tokens shorter than this are warned about at start. */
  public static final int RECOMMENDED_TOKEN_LENGTH = 16;

  // The start's logger: the warning is part of what the server says as it starts.
  private static final System.Logger LOG = System.getLogger(PolluxServer.class.getName());

  private final byte[] token;
  private final AuthThrottle throttle;

  /** {@code token} empty: writes are refused on every path. */
  public Auth(Optional<String> token) {
    this(token, new AuthThrottle());
  }

  /** {@code token}'s Auth for every protocol; a short token is worth a warning (never logged). */
  public static Auth warnedOf(Optional<String> token) {
    Auth auth = new Auth(token);
    if (auth.tokenIsShort()) {
      LOG.log(
          Level.WARNING,
          "the token is shorter than {0} characters: it may be guessed, if slowly; use a longer"
              + " random one (e.g. openssl rand -hex 16) in --token-file",
          Integer.toString(RECOMMENDED_TOKEN_LENGTH));
    }
    return auth;
  }

  /** An Auth whose failed attempts count in {@code throttle}. */
  public Auth(Optional<String> token, AuthThrottle throttle) {
    this.token = token.map(t -> t.getBytes(StandardCharsets.UTF_8)).orElse(null);
    this.throttle = throttle;
  }

  /** What became of an {@link #attempt}. */
  public sealed interface Attempt {
    /** The token is right. */
    record Accepted() implements Attempt {}

    /** The token is wrong, or no token is configured. */
    record Rejected() implements Attempt {}

    /** The address failed too often: refused without a look at the token, for this long. */
    record Throttled(long retryAfterSeconds) implements Attempt {}
  }

  /**
   * Checks {@code candidate} from {@code peer}: refused outright while the address is throttled,
   * else compared, a wrong token counted against the address. Without a configured token nothing is
   * counted (there is nothing to guess).
   */
  public Attempt attempt(String candidate, InetAddress peer, AuthThrottle.Protocol protocol) {
    if (token == null) {
      return new Attempt.Rejected();
    }
    long waitNanos = throttle.refusalNanos(peer, protocol);
    if (waitNanos > 0) {
      return new Attempt.Throttled(AuthThrottle.retryAfterSeconds(waitNanos));
    }
    if (accepts(candidate)) {
      return new Attempt.Accepted();
    }
    throttle.recordFailure(peer, protocol);
    return new Attempt.Rejected();
  }

  /**
   * Seconds {@code peer} must wait before it may try a token again, or 0. HTTP asks before it looks
   * at a request's credentials at all.
   */
  public long retryAfterSeconds(InetAddress peer, AuthThrottle.Protocol protocol) {
    if (token == null) {
      return 0;
    }
    long waitNanos = throttle.refusalNanos(peer, protocol);
    return waitNanos > 0 ? AuthThrottle.retryAfterSeconds(waitNanos) : 0;
  }

  /** The failed-attempt counts, for {@code /metrics}. */
  public AuthThrottle throttle() {
    return throttle;
  }

  /** Whether the configured token is shorter than {@link #RECOMMENDED_TOKEN_LENGTH}. */
  public boolean tokenIsShort() {
    if (token == null) {
      return false;
    }
    String text = new String(token, StandardCharsets.UTF_8);
    return text.codePointCount(0, text.length()) < RECOMMENDED_TOKEN_LENGTH;
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
