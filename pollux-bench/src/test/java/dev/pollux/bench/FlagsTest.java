package dev.pollux.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pollux.loop.Transports;
import java.util.List;
import org.junit.jupiter.api.Test;

class FlagsTest {

  private static final List<String> KNOWN = List.of("port", "io");

  @Test
  void readsTheLeadingWordAndTheOptions() {
    Flags flags = Flags.parse(new String[] {"netty-epoll", "--port", "8081"}, KNOWN);

    assertThat(flags.word()).isEqualTo("netty-epoll");
    assertThat(flags.getInt("port", 8080, 0, 65_535)).isEqualTo(8081);
    assertThat(flags.get("io", "nio")).isEqualTo("nio");
  }

  @Test
  void rejectsUnknownOptionsMissingValuesAndBadNumbers() {
    assertThatThrownBy(() -> Flags.parse(new String[] {"--colour", "red"}, KNOWN))
        .hasMessageContaining("unknown option: --colour");
    assertThatThrownBy(() -> Flags.parse(new String[] {"--port"}, KNOWN))
        .hasMessage("option --port needs a value");
    assertThatThrownBy(
            () -> Flags.parse(new String[] {"--port", "70000"}, KNOWN).getInt("port", 1, 0, 65_535))
        .hasMessage("--port out of range [0, 65535]: 70000");
    assertThatThrownBy(
            () -> Flags.parse(new String[] {"--port", "x"}, KNOWN).getInt("port", 1, 0, 65_535))
        .hasMessage("--port is not a number: x");
  }

  @Test
  void ioNamesEveryTransportOnTheClassPathEpollIncluded() {
    assertThat(Transports.byName("nio").name()).isEqualTo("nio");
    assertThat(Transports.byName("epoll").name()).isEqualTo("epoll");
    assertThatThrownBy(() -> Transports.byName("carrier-pigeon"))
        .hasMessage(
            "no transport 'carrier-pigeon': expected one of epoll, nio, poll, threads, virtual");
  }
}
