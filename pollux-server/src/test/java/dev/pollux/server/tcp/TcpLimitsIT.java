package dev.pollux.server.tcp;

import static dev.pollux.server.tcp.Talk.ask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.server.TestServer;
import dev.pollux.testing.net.LeakCheck;
import dev.pollux.testing.net.RawClient;
import dev.pollux.testing.sysfs.FakeSysfs;
import dev.pollux.testing.sysfs.Hwmon;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The limits of design.md's TCP protocol and quality bars: lines over 4096 bytes, {@code
 * --max-connections}, and a {@code watch} client that never reads, which must neither grow the
 * server's memory nor slow the other clients.
 */
class TcpLimitsIT {

  @RegisterExtension final LeakCheck leaks = LeakCheck.threadsNamed("pollux-");

  /** hwmon chips of the backpressure tree, each with {@link #TEMPS_PER_CHIP} inputs. */
  private static final int CHIPS = 10;

  private static final int TEMPS_PER_CHIP = 20;

  /**
   * Sensor ids of about 200 characters, so that a sample of the backpressure tree is about 50 KB of
   * watch lines: the kernel's send buffer (up to 4 MB) fills within seconds.
   */
  private static final String LONG_DEVICE_NAME = "sensor-board-".repeat(14);

  @TempDir Path dir;

  @Test
  void aLineOfExactly4096BytesIsALine() throws IOException {
    try (TestServer server = TestServer.on(TestServer.standardTree(dir)).tcp().start();
        RawClient client = server.connectTcp()) {
      assertThat(ask(client, "get " + "x".repeat(4092)))
          .as("reply to a 4096-byte line")
          .isEqualTo("ERR unknown sensor");
      assertThat(ask(client, "temp")).isEqualTo("48.312");
    }
  }

  @Test
  void aLineOver4096BytesGetsLineTooLongAndTheConnectionCloses() throws IOException {
    try (TestServer server = TestServer.on(TestServer.standardTree(dir)).tcp().start();
        RawClient client = server.connectTcp();
        RawClient other = server.connectTcp()) {
      client.write("x".repeat(4097) + "\n");
      assertThat(client.readLine()).as("reply to a 4097-byte line").isEqualTo("ERR line too long");
      assertThat(client.awaitClosed()).as("closed after 'ERR line too long'").isTrue();
      assertThat(ask(other, "temp")).as("another client meanwhile").isEqualTo("48.312");
    }
  }

  @Test
  void aLineThatNeverEndsGetsLineTooLongAfter4096Bytes() throws IOException {
    try (TestServer server = TestServer.on(TestServer.standardTree(dir)).tcp().start();
        RawClient client = server.connectTcp()) {
      client.write("temp\n" + "y".repeat(5000));
      assertThat(client.readLine()).isEqualTo("48.312");
      assertThat(client.readLine())
          .as("reply to 5000 bytes without an end")
          .isEqualTo("ERR line too long");
      assertThat(client.awaitClosed()).as("closed after 'ERR line too long'").isTrue();
    }
  }

  @Test
  void beyondMaxConnectionsAClientReadsErrBusyAndIsClosed() throws IOException {
    try (TestServer server =
            TestServer.on(TestServer.standardTree(dir))
                .tcp()
                .options("--max-connections", "2")
                .start();
        RawClient first = server.connectTcp();
        RawClient second = server.connectTcp()) {
      try (RawClient extra = RawClient.connect(server.tcpPort())) {
        assertThat(extra.readLine()).as("first line on the third connection").isEqualTo("ERR busy");
        assertThat(extra.awaitClosed()).as("third connection closed after ERR busy").isTrue();
      }
      assertThat(ask(first, "temp")).as("the first connection goes on").isEqualTo("48.312");
      assertThat(ask(second, "quit")).isEqualTo("BYE");
      assertThat(second.awaitClosed()).isTrue();
      await("a new connection to be served once the second has closed")
          .atMost(TestServer.DEADLINE)
          .untilAsserted(
              () -> {
                try (RawClient again = RawClient.connect(server.tcpPort())) {
                  assertThat(again.readLine()).as("first line").startsWith("pollux ");
                }
              });
    }
  }

  @Test
  void aWatchClientThatNeverReadsLosesLinesWhileOthersAreServed() throws IOException {
    FakeSysfs tree = TestServer.standardTree(dir);
    for (int chip = 0; chip < CHIPS; chip++) {
      Hwmon hwmon = tree.hwmon(chip, "board", "platform/" + LONG_DEVICE_NAME + chip);
      for (int temp = 1; temp <= TEMPS_PER_CHIP; temp++) {
        hwmon.temp(temp, 30_000 + temp, null);
      }
    }
    try (TestServer server = TestServer.on(tree).tcp().options("--interval", "100ms").start();
        RawClient other = server.connectTcp()) {
      RawClient sleeper = RawClient.connectWithReceiveBuffer(server.tcpPort(), 4096);
      try {
        sleeper.write("watch all 100ms\n");
        await("the server to drop watch lines for a client that does not read")
            .atMost(Duration.ofSeconds(60))
            .until(server::watchLinesDropped, dropped -> dropped > 0);
        long dropped = server.watchLinesDropped();
        await("more lines dropped, while another client's 'temp' is answered")
            .atMost(Duration.ofSeconds(60))
            .untilAsserted(
                () -> {
                  assertThat(ask(other, "temp")).as("'temp' of another client").isEqualTo("48.312");
                  assertThat(server.watchLinesDropped())
                      .isGreaterThan(dropped + CHIPS * TEMPS_PER_CHIP);
                });
        // The sleeper's backlog is bounded: the server stopped queueing, so it answers still.
        assertThat(ask(other, "get thermal_zone1")).isEqualTo("41.25 °C");
      } finally {
        sleeper.reset();
      }
    }
  }

  @Test
  void aClientThatPipelinesManyListsWithoutReadingGetsEveryReplyInOrderLater() throws IOException {
    FakeSysfs tree = TestServer.standardTree(dir);
    Hwmon hwmon = tree.hwmon(0, "board", "platform/" + LONG_DEVICE_NAME);
    for (int temp = 1; temp <= TEMPS_PER_CHIP; temp++) {
      hwmon.temp(temp, 30_000 + temp, null);
    }
    int lists = 2_000; // 10 KB of commands in one write, megabytes of replies
    try (TestServer server = TestServer.on(tree).tcp().start();
        RawClient client = RawClient.connectWithReceiveBuffer(server.tcpPort(), 4096);
        RawClient other = server.connectTcp()) {
      client.readLine(); // the banner
      client.write("list\n".repeat(lists) + "info\n");
      // Replies the client does not read stop the server taking its commands: others go on.
      assertThat(ask(other, "temp")).as("'temp' of another client").isEqualTo("48.312");
      int ends = 0;
      String line;
      while (ends < lists) {
        line = client.readLine();
        if (line.equals(".")) {
          ends++;
        }
      }
      assertThat(client.readLine()).as("the reply after %d lists", lists).startsWith("id=");
    }
  }
}
