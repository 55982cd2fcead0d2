package dev.pollux.server.api;

import static dev.pollux.server.api.ApiClient.DEADLINE;
import static dev.pollux.server.api.ApiClient.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pollux.server.TestServer;
import dev.pollux.testing.net.LeakCheck;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sensor whose read blocks: the primary temperature's file becomes a FIFO without a writer, so
 * the sampler's {@code open} hangs as a stuck I2C read does. The per-read deadline keeps the pass
 * going: the other sensors are sampled, HTTP and TCP answer at once, the stuck sensor turns {@code
 * stale} with "read in flight"; when the read returns (a writer appears and the file is regular
 * again) the value it got lands in the history and the sensor reads normally again.
 */
class BlockingSensorRobustnessIT {

  @RegisterExtension
  final LeakCheck leaks = LeakCheck.threadsNamed("pollux-").afterWarmUp(ApiClient::warmUpOnce);

  @TempDir Path dir;

  @Test
  void aBlockedReadLeavesTheOthersServingAndRecoversWhenItReturns() throws Exception {
    try (TestServer server = ApiClient.fullServer(dir).start().awaitGoodSample(ApiClient.PRIMARY)) {
      Path temp = server.tree().thermalZoneDir(0).resolve("temp");
      server.tree().fifoInPlaceOf(temp);

      await(PRIMARY + " stale with 'read in flight'")
          .atMost(DEADLINE)
          .until(() -> "read in flight".equals(server.sensor(PRIMARY).get("error")));
      assertThat(server.sensor(PRIMARY)).containsEntry("status", "stale");
      assertThat(server.tcpAsk("temp")).isEqualTo("ERR sensor stale: read in flight");
      assertThat(server.get("/temp").status()).as("GET /temp while blocked").isEqualTo(503);
      assertThat(
              server.metric(
                  "pollux_sensor_status", "sensor=\"" + PRIMARY + "\"", "status=\"stale\""))
          .isEqualTo(1);
      server.tree().loadavg(2.5, 0.5, 0.25);
      await("load1 sampled while the read of " + PRIMARY + " blocks")
          .atMost(DEADLINE)
          .until(() -> server.sensor("load1").get("value").equals(2.5));
      long started = System.nanoTime();
      for (int i = 0; i < 20; i++) {
        assertThat(server.get("/api/v1/sensors").status()).isEqualTo(200);
        assertThat(server.tcpAsk("get load1")).isEqualTo("2.5");
      }
      assertThat(Duration.ofNanos(System.nanoTime() - started))
          .as("20 HTTP and 20 TCP answers while a read blocks (no wait on the sampler)")
          .isLessThan(DEADLINE);

      // A writer lets the blocked open return; the path is regular again before the value comes,
      // so that the next pass reads the file and not the FIFO.
      try (FileChannel writer =
          FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
        Path regular = temp.resolveSibling("temp.new");
        Files.writeString(regular, "48312\n");
        Files.move(
            regular, temp, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        writer.write(ByteBuffer.wrap("51000\n".getBytes(StandardCharsets.US_ASCII)));

        await(PRIMARY + " ok again")
            .atMost(DEADLINE)
            .until(() -> "ok".equals(server.sensor(PRIMARY).get("status")));
      }
      await(PRIMARY + " at 48.312 from the regular file")
          .atMost(DEADLINE)
          .until(() -> server.tcpAsk("temp").equals("48.312"));
      String history =
          new String(
              server.get("/api/v1/sensors/" + PRIMARY + "/history?since=5m").body(),
              StandardCharsets.UTF_8);
      assertThat(history).as("the history: the value the blocked read returned").contains(",51.0]");
    }
  }
}
