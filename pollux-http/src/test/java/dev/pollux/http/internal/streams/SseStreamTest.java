package dev.pollux.http.internal.streams;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.loop.EventLoop;
import dev.pollux.loop.Timeout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

/**
 * What a broadcast costs each stream: one encoding for all streams, and one drain task and one
 * write per burst of events.
 */
class SseStreamTest {

  @Test
  void theSameEventAndDataShareOneEncoding() {
    String event = "reading";
    String data = "{\"id\":\"cpu\"}";

    byte[] first = SseStream.encoded(event, data);
    byte[] second = SseStream.encoded(event, data);

    assertThat(second).isSameAs(first);
    assertThat(new String(first, StandardCharsets.UTF_8))
        .isEqualTo("event: reading\ndata: {\"id\":\"cpu\"}\n\n");
  }

  @Test
  void equalButDistinctDataIsEncodedAgainAndAlike() {
    String data = "{\"id\":\"cpu\"}";
    String sameText = new String(data.toCharArray());

    byte[] first = SseStream.encoded("reading", data);
    byte[] second = SseStream.encoded("reading", sameText);

    assertThat(second).isNotSameAs(first).isEqualTo(first);
  }

  @Test
  void aBurstOfEventsCostsOneDrainTaskAndOneWriteAndArrivesInOrder() {
    PretendLoop loop = new PretendLoop();
    RecordingSink sink = new RecordingSink();
    SseStream stream = new SseStream(sink, loop, 16, Duration.ofSeconds(30));

    for (int i = 0; i < 10; i++) {
      stream.send("reading", "value " + i);
    }

    assertThat(loop.tasks).hasSize(1);
    loop.runAll();
    assertThat(sink.flushes).isEqualTo(1);
    assertThat(sink.texts()).hasSize(10).first().isEqualTo("event: reading\ndata: value 0\n\n");
    assertThat(sink.texts()).last().isEqualTo("event: reading\ndata: value 9\n\n");
  }

  @Test
  void anEventAfterADrainSchedulesTheNextOne() {
    PretendLoop loop = new PretendLoop();
    RecordingSink sink = new RecordingSink();
    SseStream stream = new SseStream(sink, loop, 16, Duration.ofSeconds(30));

    stream.send(null, "one");
    loop.runAll();
    stream.send(null, "two");

    assertThat(loop.tasks).hasSize(1);
    loop.runAll();
    assertThat(sink.texts()).containsExactly("data: one\n\n", "data: two\n\n");
  }

  /** A loop whose tasks wait until the test runs them; the test thread is the loop. */
  private static final class PretendLoop implements EventLoop {
    final Queue<Runnable> tasks = new ArrayDeque<>();

    void runAll() {
      Runnable task;
      while ((task = tasks.poll()) != null) {
        task.run();
      }
    }

    @Override
    public String name() {
      return "pretend";
    }

    @Override
    public boolean inLoop() {
      return true;
    }

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    @Override
    public Timeout schedule(Duration delay, Runnable task) {
      return () -> true;
    }

    @Override
    public long nanoTime() {
      return System.nanoTime();
    }
  }

  /** A connection that always takes more and keeps what it is given. */
  private static final class RecordingSink implements StreamSink {
    final List<byte[]> pieces = new ArrayList<>();
    int flushes;

    List<String> texts() {
      return pieces.stream().map(p -> new String(p, StandardCharsets.UTF_8)).toList();
    }

    @Override
    public boolean streamWritable() {
      return true;
    }

    @Override
    public void streamBytes(BodyStream stream, byte[] bytes) {
      pieces.add(bytes);
    }

    @Override
    public void streamFlush(BodyStream stream) {
      flushes++;
    }

    @Override
    public void endStream(BodyStream stream) {}

    @Override
    public void streamStalled(BodyStream stream) {}

    @Override
    public void reportHeld() {}
  }
}
