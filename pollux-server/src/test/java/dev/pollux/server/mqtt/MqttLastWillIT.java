package dev.pollux.server.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.testing.sysfs.FakeSysfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The server as its own process ({@code java -jar target/pollux.jar}, built in the package phase)
 * against a real Mosquitto: killed with SIGKILL, the broker publishes its last will {@code
 * offline}; stopped with SIGTERM, it publishes {@code offline} itself and exits 0.
 */
class MqttLastWillIT {

  private static final Path JAR = Path.of("target", "pollux.jar");
  private static final String STATUS = "pollux/will-pi/status";

  @TempDir Path dir;
  private Mosquitto broker;
  private MqttProbe probe;
  private Process server;

  @BeforeEach
  void startBroker() throws Exception {
    broker = Mosquitto.onFreePort(dir).start();
    probe = MqttProbe.connect(broker.url());
  }

  @AfterEach
  void stopAll() throws Exception {
    if (server != null && server.isAlive()) {
      server.destroyForcibly().waitFor(20, TimeUnit.SECONDS);
    }
    probe.close();
    broker.close();
  }

  private Process startServer() throws IOException {
    assertThat(JAR).as("the shaded jar (built by 'mvn package' before the ITs)").isRegularFile();
    FakeSysfs fake = FakeSysfs.in(dir.resolve("tree")).thermalZone(0, "cpu-thermal", 40_000);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path log = dir.resolve("server.log");
    return new ProcessBuilder(
            List.of(
                java.toString(),
                "-jar",
                JAR.toString(),
                "--bind",
                "127.0.0.1",
                "--http-port",
                "0",
                "--tcp-port",
                "0",
                "--sysfs",
                fake.sysfsRoot().toString(),
                "--procfs",
                fake.procfsRoot().toString(),
                "--interval",
                "200ms",
                "--device-id",
                "will-pi",
                "--mqtt",
                broker.url(),
                "--mqtt-interval",
                "1s"))
        .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  @Test
  void aKilledServerLeavesItsLastWillOfflineRetained() throws Exception {
    server = startServer();
    probe.waitFor(STATUS, "online");

    server.destroyForcibly();
    assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("the server to die").isTrue();

    probe.waitFor(STATUS, "offline");
    try (MqttProbe late = MqttProbe.connect(broker.url())) {
      late.waitForRetained(STATUS, "offline");
    }
  }

  @Test
  void sigtermPublishesOfflineAndExitsZero() throws Exception {
    server = startServer();
    probe.waitFor(STATUS, "online");

    server.destroy();

    assertThat(server.waitFor(20, TimeUnit.SECONDS)).as("the server to stop").isTrue();
    assertThat(server.exitValue())
        .as("exit status after SIGTERM; log: %s", Files.readString(dir.resolve("server.log")))
        .isZero();
    probe.waitFor(STATUS, "offline");
    try (MqttProbe late = MqttProbe.connect(broker.url())) {
      late.waitForRetained(STATUS, "offline");
    }
  }
}
