package dev.pollux.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.server.AuthThrottle.Protocol;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The failed-attempt throttle of {@link AuthThrottle} and {@link Auth#attempt} on a fake clock:
 * {@link AuthThrottle#MAX_FAILURES} wrong tokens per {@link AuthThrottle#WINDOW} and address, then
 * refusal (the right token too) until the window ends; the table stays bounded under a flood of
 * addresses. (Through the real server on every protocol: {@code WriteAuthIT}.)
 */
class AuthThrottleTest {

  private static final String TOKEN = "a-token-of-enough-length";
  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  private final AtomicLong clock = new AtomicLong(1_000 * SECOND);
  private final AuthThrottle throttle = new AuthThrottle(clock::get, 64);
  private final Auth auth = new Auth(Optional.of(TOKEN), throttle);

  @Test
  void theRightTokenIsRefusedAfterFiveFailuresUntilTheWindowEnds() throws UnknownHostException {
    InetAddress peer = InetAddress.getByName("10.0.0.5");
    for (int i = 0; i < AuthThrottle.MAX_FAILURES; i++) {
      assertThat(auth.attempt("wrong-" + i, peer, Protocol.HTTP))
          .as("wrong token %d", i + 1)
          .isEqualTo(new Auth.Attempt.Rejected());
      clock.addAndGet(SECOND);
    }
    // 5 s after the first failure: 55 s of the window are left.
    assertThat(auth.attempt(TOKEN, peer, Protocol.TCP))
        .as("the right token from the throttled address, on another protocol")
        .isEqualTo(new Auth.Attempt.Throttled(55));
    assertThat(auth.retryAfterSeconds(peer, Protocol.HTTP)).as("Retry-After").isEqualTo(55);
    assertThat(auth.attempt(TOKEN, InetAddress.getByName("10.0.0.6"), Protocol.HTTP))
        .as("another address")
        .isEqualTo(new Auth.Attempt.Accepted());

    clock.addAndGet(55 * SECOND - 1);
    assertThat(auth.attempt(TOKEN, peer, Protocol.WEBSOCKET))
        .as("1 ns before the window ends")
        .isEqualTo(new Auth.Attempt.Throttled(1));
    clock.addAndGet(1);
    assertThat(auth.attempt(TOKEN, peer, Protocol.WEBSOCKET))
        .as("when the window has ended")
        .isEqualTo(new Auth.Attempt.Accepted());

    assertThat(throttle.failures(Protocol.HTTP)).as("HTTP failures counted").isEqualTo(5);
    assertThat(throttle.refusals(Protocol.TCP)).as("TCP refusals").isEqualTo(1);
    assertThat(throttle.refusals(Protocol.HTTP)).as("HTTP refusals").isEqualTo(1);
    assertThat(throttle.refusals(Protocol.WEBSOCKET)).as("WebSocket refusals").isEqualTo(1);
  }

  @Test
  void fourFailuresLeaveTheRightTokenAccepted() throws UnknownHostException {
    InetAddress peer = InetAddress.getByName("10.0.0.5");
    for (int i = 0; i < AuthThrottle.MAX_FAILURES - 1; i++) {
      auth.attempt("wrong", peer, Protocol.TCP);
    }
    assertThat(auth.attempt(TOKEN, peer, Protocol.TCP)).isEqualTo(new Auth.Attempt.Accepted());
  }

  @Test
  void aNewWindowStartsWithTheFirstFailureAfterTheLastOneEnded() throws UnknownHostException {
    InetAddress peer = InetAddress.getByName("10.0.0.5");
    for (int i = 0; i < AuthThrottle.MAX_FAILURES - 1; i++) {
      auth.attempt("wrong", peer, Protocol.HTTP);
    }
    clock.addAndGet(AuthThrottle.WINDOW.toNanos());
    auth.attempt("wrong", peer, Protocol.HTTP);
    assertThat(auth.attempt(TOKEN, peer, Protocol.HTTP))
        .as("4 failures in one window and 1 in the next")
        .isEqualTo(new Auth.Attempt.Accepted());
  }

  @Test
  void aServerWithoutATokenCountsNothing() throws UnknownHostException {
    Auth none = new Auth(Optional.empty(), throttle);
    InetAddress peer = InetAddress.getByName("10.0.0.5");
    for (int i = 0; i < 10; i++) {
      assertThat(none.attempt("guess", peer, Protocol.TCP)).isEqualTo(new Auth.Attempt.Rejected());
    }
    assertThat(throttle.failures(Protocol.TCP)).isZero();
    assertThat(throttle.trackedAddresses()).isZero();
  }

  @Test
  void aFloodOfAddressesEvictsTheOldestWindowsAndNeverGrowsTheTable() throws UnknownHostException {
    InetAddress first = InetAddress.getByName("10.0.0.1");
    for (int i = 0; i < AuthThrottle.MAX_FAILURES; i++) {
      auth.attempt("wrong", first, Protocol.HTTP);
    }
    assertThat(auth.retryAfterSeconds(first, Protocol.HTTP)).as("throttled").isPositive();

    for (int i = 0; i < 10_000; i++) {
      byte[] address = {10, 1, (byte) (i >> 8), (byte) i};
      auth.attempt("wrong", InetAddress.getByAddress(address), Protocol.TCP);
      assertThat(throttle.trackedAddresses())
          .as("addresses after %d", i + 1)
          .isLessThanOrEqualTo(64);
    }
    assertThat(auth.retryAfterSeconds(first, Protocol.HTTP))
        .as("the oldest window, evicted by the flood")
        .isZero();
  }

  @Test
  void anIpv6HostIsCountedByItsSlash64() throws UnknownHostException {
    for (int i = 1; i <= AuthThrottle.MAX_FAILURES; i++) {
      auth.attempt("wrong", InetAddress.getByName("2001:db8:1:2::" + i), Protocol.HTTP);
    }
    assertThat(auth.attempt(TOKEN, InetAddress.getByName("2001:db8:1:2:ffff::9"), Protocol.HTTP))
        .as("another address of the same /64")
        .isInstanceOf(Auth.Attempt.Throttled.class);
    assertThat(auth.attempt(TOKEN, InetAddress.getByName("2001:db8:1:3::1"), Protocol.HTTP))
        .as("the next /64")
        .isEqualTo(new Auth.Attempt.Accepted());
  }

  @Test
  void retryAfterRoundsUpToWholeSeconds() {
    assertThat(AuthThrottle.retryAfterSeconds(1)).isEqualTo(1);
    assertThat(AuthThrottle.retryAfterSeconds(SECOND)).isEqualTo(1);
    assertThat(AuthThrottle.retryAfterSeconds(SECOND + 1)).isEqualTo(2);
    assertThat(AuthThrottle.retryAfterSeconds(60 * SECOND)).isEqualTo(60);
  }

  @Test
  void shortTokensAreNoticed() {
    assertThat(new Auth(Optional.of("123456789012345")).tokenIsShort()).as("15").isTrue();
    assertThat(new Auth(Optional.of("1234567890123456")).tokenIsShort()).as("16").isFalse();
    assertThat(new Auth(Optional.of("€".repeat(16))).tokenIsShort())
        .as("16 characters of 3 bytes")
        .isFalse();
    assertThat(new Auth(Optional.empty()).tokenIsShort()).as("none").isFalse();
  }
}
