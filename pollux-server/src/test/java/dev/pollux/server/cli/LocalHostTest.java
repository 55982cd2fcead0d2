package dev.pollux.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LocalHostTest {

  @Test
  void isTheNameTheKernelGivesThisMachine() throws IOException, InterruptedException {
    Process uname = new ProcessBuilder(List.of("uname", "-n")).redirectErrorStream(true).start();
    String printed = new String(uname.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    assertThat(uname.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(uname.exitValue()).isZero();

    assertThat(LocalHost.name()).isEqualTo(printed.strip()).isNotEmpty();
  }

  @Test
  void defaultsTheDeviceIdToTheShortHostName() {
    String name = LocalHost.name();
    String shortName = name.contains(".") ? name.substring(0, name.indexOf('.')) : name;

    assertThat(PolluxCommand.parse(List.of(), Map.of()).deviceId())
        .isEqualTo(DeviceIds.fromHostName(shortName));
  }
}
