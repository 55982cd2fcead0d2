package dev.pollux.server.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Peers that pipeline requests and never read the replies (issue 15): the server must stop parsing
 * a connection's requests while its replies wait above the high watermark, as the TCP protocol
 * does, instead of answering every request of every read into memory.
 */
class UnreadRepliesIT {

  /**
   * Enough peers that what each holds shows above the slack of a heap measurement: each read of 16
   * KiB holds some 340 pipelined requests, whose replies were all queued at once (~600 KB).
   */
  static final int PEERS = 24;

  /** How long they write at most; they stop earlier once the server stops reading them. */
  static final Duration WRITING = Duration.ofSeconds(8);

  /**
   * What a connection that does not read may cost: its unsent replies up to the high watermark (64
   * KiB), a read buffer (16 KiB) and one more reply; not the replies of every request of a read.
   */
  static final long BYTES_PER_PEER = 192 * 1024;

  @TempDir Path dir;
  private HostileServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void pipelinedSensorListsAreParsedOnlyAsFastAsTheirRepliesAreRead() throws IOException {
    server = HostileServer.start(dir);
    floodWithoutReading(Attacks.SENSORS);
  }

  @Test
  void pipelinedHistoriesAtFiftyMillisecondSamplingAreParsedOnlyAsFastAsTheirRepliesAreRead()
      throws IOException {
    server = HostileServer.start(dir, "--interval", "50ms");
    floodWithoutReading(Attacks.HISTORY);
  }

  private void floodWithoutReading(String request) throws IOException {
    withstandUnreadPipelines(server, PEERS, request, WRITING);
  }

  /**
   * {@code peers} connections pipelining {@code request} for at most {@code writing} and never
   * reading: each may cost the server {@link #BYTES_PER_PEER} at most.
   */
  static void withstandUnreadPipelines(
      HostileServer server, int peers, String request, Duration writing) throws IOException {
    Attack attack = Attack.on(server);
    attack.withstand(
        () -> Pipeliner.flood("127.0.0.3", server.httpPort(), peers, request, writing),
        pipeliner -> {
          assertThat(pipeliner.bytesSent()).as("bytes of pipelined requests sent").isPositive();
          attack.assertHeapPerConnection(peers, BYTES_PER_PEER);
        });
  }
}
