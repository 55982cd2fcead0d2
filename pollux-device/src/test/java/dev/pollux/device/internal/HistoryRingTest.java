package dev.pollux.device.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.device.History;
import dev.pollux.device.Sensor;
import dev.pollux.device.SensorKind;
import dev.pollux.device.Source;
import dev.pollux.device.Unit;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class HistoryRingTest {
  private static final Sensor SENSOR =
      new Sensor(
          "load1", SensorKind.LOAD, Unit.NONE, "load", new Source.Proc("load1", Path.of("x")));

  @Test
  void keepsOnlyTheLastCapacityPointsOldestFirst() {
    HistoryRing ring = new HistoryRing(3);
    for (int i = 1; i <= 5; i++) {
      ring.add(i * 1000L, i);
    }
    History all = ring.since(SENSOR, 0);
    assertThat(all.epochMillis()).containsExactly(3000L, 4000L, 5000L);
    assertThat(all.values()).containsExactly(3.0, 4.0, 5.0);
  }

  @Test
  void answersOnlyThePointsSinceTheGivenTime() {
    HistoryRing ring = new HistoryRing(10);
    for (int i = 1; i <= 4; i++) {
      ring.add(i * 1000L, i);
    }
    assertThat(ring.since(SENSOR, 2500).values()).containsExactly(3.0, 4.0);
    assertThat(ring.since(SENSOR, 9000).size()).isZero();
  }

  @Test
  void isEmptyBeforeTheFirstPoint() {
    assertThat(new HistoryRing(2).since(SENSOR, 0).size()).isZero();
  }
}
