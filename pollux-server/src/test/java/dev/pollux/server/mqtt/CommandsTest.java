package dev.pollux.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.device.Actuator;
import dev.pollux.device.Device;
import dev.pollux.device.DeviceConfig;
import dev.pollux.server.Auth;
import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CommandsTest {

  private static final String SET = "pollux/pi/actuator/led_act/set";

  @TempDir Path dir;
  private Device device;
  private Path brightness;
  private final Topics topics = new Topics("pollux", "pi");

  @BeforeEach
  void openDevice() {
    FakeSysfs fake = FakeSysfs.in(dir).thermalZone(0, "cpu-thermal", 40_000).led("ACT", 0, 255);
    brightness = fake.sysfsRoot().resolve("class/leds/ACT/brightness");
    device =
        Device.open(
            DeviceConfig.builder()
                .sysfsRoot(fake.sysfsRoot())
                .procfsRoot(fake.procfsRoot())
                .build());
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void aValidCommandWritesTheLed() throws IOException {
    Commands commands = new Commands(device, new Auth(Optional.of("t")), topics);

    Actuator written = commands.handle(SET, bytes("{\"value\": 128}"), false);

    assertThat(written).as("handle(%s, 128)", SET).isNotNull();
    assertThat(written.value()).isEqualTo(128);
    assertThat(Files.readString(brightness).strip()).isEqualTo("128");
    assertThat(commands.rejected()).isZero();
  }

  @Test
  void aTriggerCommandRestoresAKernelTriggerAndAnUnknownOneIsRejected() throws IOException {
    Path trigger = brightness.resolveSibling("trigger");
    Files.writeString(trigger, "none [mmc0] heartbeat\n");
    Commands commands = new Commands(device, new Auth(Optional.of("t")), topics);

    assertThat(commands.handle(SET, bytes("{\"trigger\": \"disco\"}"), false))
        .as("an unknown trigger")
        .isNull();
    assertThat(commands.rejected()).isEqualTo(1);
    assertThat(Files.readString(trigger)).isEqualTo("none [mmc0] heartbeat\n");

    Actuator written = commands.handle(SET, bytes("{\"trigger\": \"heartbeat\"}"), false);

    assertThat(written).as("handle(%s, trigger heartbeat)", SET).isNotNull();
    assertThat(written.trigger()).isEqualTo("heartbeat");
    assertThat(Files.readString(trigger)).isEqualTo("heartbeat\n");
    assertThat(commands.rejected()).isEqualTo(1);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "pollux/pi/actuator/led_act/set|abc",
        "pollux/pi/actuator/led_act/set|300",
        "pollux/pi/actuator/led_act/set|-1",
        "pollux/pi/actuator/led_nope/set|1",
        "pollux/pi/actuator/led_act/state|1",
      })
  void aBadCommandIsCountedAndNeverApplied(String topic, String payload) throws IOException {
    Commands commands = new Commands(device, new Auth(Optional.of("t")), topics);

    Actuator written = commands.handle(topic, bytes(payload), false);

    assertThat(written).as("handle(%s, %s)", topic, payload).isNull();
    assertThat(commands.rejected()).isEqualTo(1);
    assertThat(Files.readString(brightness).strip()).isEqualTo("0");
  }

  @Test
  void withoutATokenEveryCommandIsRefused() throws IOException {
    Commands commands = new Commands(device, new Auth(Optional.empty()), topics);

    assertThat(commands.handle(SET, bytes("1"), false)).isNull();
    assertThat(commands.rejected()).isEqualTo(1);
    assertThat(Files.readString(brightness).strip()).isEqualTo("0");
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void anEmptyPayloadIsIgnoredSilently(boolean retained) throws IOException {
    Commands commands = new Commands(device, new Auth(Optional.of("t")), topics);

    assertThat(commands.handle(SET, new byte[0], retained)).isNull();
    assertThat(commands.rejected()).as("an empty payload is not a rejected command").isZero();
    assertThat(Files.readString(brightness).strip()).isEqualTo("0");
  }

  @Test
  void aRetainedCommandIsNotApplied() throws IOException {
    Commands commands = new Commands(device, new Auth(Optional.of("t")), topics);

    assertThat(commands.handle(SET, bytes("1"), true)).isNull();
    assertThat(commands.rejected()).isEqualTo(1);
    assertThat(Files.readString(brightness).strip()).isEqualTo("0");
  }

  @Test
  void logSamplesOfTopicsAreShortAndPrintable() {
    assertThat(Commands.clean("a\nb")).isEqualTo("a?b");
    assertThat(Commands.clean("x".repeat(500))).hasSize(123).endsWith("...");
  }

  /**
   * The TCP protocol's escaping ({@code PrintableSample}) applies: a line or paragraph separator
   * would start a forged log line, a bidi override reorders the rest of it, a C1 control is a
   * terminal escape.
   */
  @Test
  void logSamplesReplaceWhatTheTcpProtocolReplaces() {
    assertThat(Commands.clean("pollux/pi/actuator/led\u2028FORGED/set")).doesNotContain("\u2028");
    assertThat(Commands.clean("a\u2028b\u2029c\u202Ed\u2066e\u009Bf\u0085g\u200Eh\uFEFFi"))
        .isEqualTo("a?b?c?d?e?f?g?h?i");
    assertThat(Commands.clean("température/ü")).isEqualTo("température/ü");
  }

  @Test
  void aRejectedCommandLogsTheEscapedTopic() throws IOException {
    Commands commands = new Commands(device, new Auth(Optional.of("t")), topics);
    String topic = SET.replace("/set", "\u202E/set");
    Logger logger = Logger.getLogger(Commands.class.getName());
    List<String> lines = new CopyOnWriteArrayList<>();
    Handler handler =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            lines.add(new SimpleFormatter().formatMessage(record));
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    logger.addHandler(handler);
    try {
      assertThat(commands.handle(topic, bytes("1"), false)).as("the command").isNull();
    } finally {
      logger.removeHandler(handler);
    }
    assertThat(lines)
        .as("log lines of the rejected command")
        .singleElement()
        .satisfies(line -> assertThat(line).contains("rejected").doesNotContain("\u202E"));
  }
}
