package dev.pollux.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class IdleOptionsTest {

  private static final InetSocketAddress SERVER =
      new InetSocketAddress(InetAddress.getLoopbackAddress(), 8080);

  @Test
  void givesEachSourceAddressItsShareOfConnections() {
    IdleOptions options = options("127.0.0.2", 5_000, 19_500);

    assertThat(options.source(0).getHostAddress()).isEqualTo("127.0.0.2");
    assertThat(options.source(4_999).getHostAddress()).isEqualTo("127.0.0.2");
    assertThat(options.source(5_000).getHostAddress()).isEqualTo("127.0.0.3");
    assertThat(options.source(19_499).getHostAddress()).isEqualTo("127.0.0.5");
  }

  @Test
  void carriesIntoTheNextByteOfTheAddress() {
    IdleOptions options = options("127.0.0.255", 1, 2);

    assertThat(options.source(1).getHostAddress()).isEqualTo("127.0.1.0");
  }

  @Test
  void refusesSourcesThatLeaveTheSlash8() {
    assertThatThrownBy(() -> options("127.255.255.254", 1, 3))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("leave 127.0.0.0/8");
  }

  @Test
  void parsesTheCommandLineWithItsDefaults() {
    IdleOptions options =
        IdleOptions.parse(new String[] {"--port", "18180", "--connections", "300"});

    assertThat(options.server())
        .isEqualTo(new InetSocketAddress(InetAddress.ofLiteral("127.0.0.1"), 18_180));
    assertThat(options.firstSource().getHostAddress()).isEqualTo("127.0.0.2");
    assertThat(options.connections()).isEqualTo(300);
    assertThat(options.perSource()).isEqualTo(5_000);
    assertThat(options.path()).isEqualTo("/plaintext");
    assertThat(options.openTimeout()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void refusesASourceThatIsNotAnAddressLiteral() {
    assertThatThrownBy(() -> IdleOptions.parse(new String[] {"--source", "localhost"}))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--source is not an IP address: localhost");
  }

  private static IdleOptions options(String source, int perSource, int connections) {
    return new IdleOptions(
        SERVER,
        InetAddress.ofLiteral(source),
        perSource,
        connections,
        16,
        "/plaintext",
        Duration.ofSeconds(5));
  }
}
