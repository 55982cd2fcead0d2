package dev.pollux.epoll;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.epoll.internal.Availability;
import org.junit.jupiter.api.Test;

class AvailabilityTest {

  @Test
  void isAvailableOnThisLinuxTestJvmWithNativeAccess() {
    assertThat(EpollTransport.unavailabilityReason()).as("unavailabilityReason()").isEmpty();
    assertThat(EpollTransport.isAvailable()).as("isAvailable()").isTrue();
    assertThat(EpollTransport.create().name()).isEqualTo("epoll");
  }

  @Test
  void namesWhatStandsInTheWay() {
    assertThat(Availability.staticReason("Mac OS X", "aarch64", true))
        .isEqualTo("epoll is Linux only; this is Mac OS X");
    assertThat(Availability.staticReason("Linux", "riscv64", true))
        .isEqualTo("the epoll bindings know x86-64 and aarch64 only; this is riscv64");
    assertThat(Availability.staticReason("Linux", "amd64", false))
        .contains("--enable-native-access=ALL-UNNAMED");
    assertThat(Availability.staticReason("Linux", "amd64", true)).isEmpty();
    assertThat(Availability.staticReason("Linux", "aarch64", true)).isEmpty();
  }
}
