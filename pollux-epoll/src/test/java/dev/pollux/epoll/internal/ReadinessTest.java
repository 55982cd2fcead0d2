package dev.pollux.epoll.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.loop.spi.Poller;
import org.junit.jupiter.api.Test;

class ReadinessTest {

  @Test
  void aShortReadClearsReadingButNotWriting() {
    Readiness readiness = new Readiness();
    readiness.add(Poller.READ | Poller.WRITE);
    readiness.shortRead();
    assertThat(readiness.ops())
        .as("ops after add(READ|WRITE), shortRead()")
        .isEqualTo(Poller.WRITE);
    readiness.writeFull();
    assertThat(readiness.ops()).as("ops after writeFull()").isZero();
  }

  @Test
  void aShortReadAfterThePeersFinKeepsReadingForTheEndOfStream() {
    Readiness readiness = new Readiness();
    readiness.inputEnded();
    readiness.add(Poller.READ);
    readiness.shortRead();
    assertThat(readiness.ops())
        .as("ops after inputEnded(), add(READ), shortRead()")
        .isEqualTo(Poller.READ);
    readiness.readDrained();
    assertThat(readiness.ops()).as("ops after readDrained() (EAGAIN)").isZero();
  }
}
