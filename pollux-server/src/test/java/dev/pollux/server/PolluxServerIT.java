package dev.pollux.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.device.Reading;
import dev.pollux.testing.net.LeakCheck;
import dev.pollux.testing.net.RawClient;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@link PolluxServer}'s lifecycle as its clients see it. */
class PolluxServerIT {

  @RegisterExtension final LeakCheck leaks = LeakCheck.threadsNamed("pollux-");

  @TempDir Path dir;

  @Test
  void theFirstSampleIsInBeforeStartReturnsSoTheFirstClientGetsAValue() throws IOException {
    try (TestServer server = TestServer.on(TestServer.standardTree(dir)).tcp().start()) {
      Reading primary = server.server().device().snapshot().primaryTemperature();
      assertThat(primary.ok())
          .as("primary temperature right after PolluxServer.start returned: %s", primary)
          .isTrue();
      try (RawClient client = server.connectTcp()) {
        client.write("temp\n");
        assertThat(client.readLine()).isEqualTo("48.312");
      }
    }
  }

  @Test
  void closeClosesTheClientsConnections() throws IOException {
    TestServer server = TestServer.on(TestServer.standardTree(dir)).tcp().start();
    try (RawClient client = server.connectTcp()) {
      client.write("watch all\n");
      assertThat(client.readLine()).as("a watch line").contains("Z ");
      server.server().close();
      // readToEnd fails unless the server closes the connection within the client's deadline.
      assertThat(client.readToEndAsString())
          .as("watch lines until the close")
          .doesNotContain("ERR");
    } finally {
      server.close();
    }
  }
}
