package dev.pollux.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@link Origins}: the one form of an origin (RFC 6454 §6.2) and the WebSocket handshake's check of
 * {@code Origin} against {@code Host}, default ports included.
 */
class OriginsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
    "http://pi.local, http://pi.local:80",
    "HTTPS://Pi.Local, https://pi.local:443",
    "http://pi.local:8080, http://pi.local:8080",
    "https://[::1]:8443, https://[::1]:8443",
    "http://10.0.0.5, http://10.0.0.5:80",
    "app://x:9, app://x:9",
  })
  void parsesOriginsIntoOneForm(String origin, String normal) {
    assertThat(Origins.parse(origin)).isEqualTo(normal);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(
      strings = {
        "null",
        "pi.local",
        "http://",
        "http://pi.local/",
        "http://pi.local/app",
        "http://user@pi.local",
        "http://pi.local:99999",
        "http://pi.local:\u0663",
        "http://pi.local:",
        "app://x",
        "http://a b",
        "http://[::1",
      })
  void refusesWhatIsNotOneOrigin(String origin) {
    assertThatThrownBy(() -> Origins.parse(origin))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("is not an origin: expected scheme://host[:port]");
  }

  @ParameterizedTest(name = "Origin {0}, Host {1}: {2}")
  @CsvSource({
    "http://127.0.0.1:8080, 127.0.0.1:8080, true",
    "http://PI.local:8080, pi.LOCAL:8080, true",
    "https://pi.local:8443, pi.local:8443, true",
    "http://pi.local, pi.local, true",
    "http://pi.local, pi.local:80, true",
    "http://pi.local:80, pi.local, true",
    "https://pi.local, pi.local, true",
    "https://pi.local, pi.local:443, true",
    "http://[::1]:8080, [::1]:8080, true",
    "http://evil.example, pi.local:8080, false",
    "http://pi.local:8081, pi.local:8080, false",
    "http://pi.local, pi.local:8080, false",
    "http://pi.local:8080, pi.local, false",
    "http://pi.local.evil.example:8080, pi.local:8080, false",
    "null, pi.local:8080, false",
    "file://, pi.local, false",
    "http://pi.local:8080/x, pi.local:8080, false",
  })
  void originMatchesTheHostSchemeAside(String origin, String host, boolean same) {
    assertThat(Origins.sameServer(origin, host)).isEqualTo(same);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"http://pi.local"})
  void aMissingHostMatchesNothing(String origin) {
    assertThat(Origins.sameServer(origin, null)).isFalse();
  }
}
