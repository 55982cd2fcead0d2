package dev.pollux.epoll.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.StructLayout;
import org.junit.jupiter.api.Test;

class EpollEventTest {

  @Test
  void isPacked12BytesOnX86() {
    StructLayout layout = EpollEvent.layoutFor("amd64");
    assertThat(layout.byteSize()).as("sizeof(struct epoll_event) on x86-64").isEqualTo(12);
    assertThat(EpollEvent.offset(layout, "events")).as("offsetof(events)").isZero();
    assertThat(EpollEvent.offset(layout, "data")).as("offsetof(data)").isEqualTo(4);
  }

  @Test
  void isNaturallyAligned16BytesOnAarch64() {
    StructLayout layout = EpollEvent.layoutFor("aarch64");
    assertThat(layout.byteSize()).as("sizeof(struct epoll_event) on aarch64").isEqualTo(16);
    assertThat(EpollEvent.offset(layout, "events")).as("offsetof(events)").isZero();
    assertThat(EpollEvent.offset(layout, "data")).as("offsetof(data)").isEqualTo(8);
  }

  @Test
  void theLayoutInUseIsThisMachines() {
    assertThat(EpollEvent.LAYOUT).isEqualTo(EpollEvent.layoutFor(System.getProperty("os.arch")));
    assertThat(EpollEvent.DATA_OFFSET).isEqualTo(EpollEvent.offset(EpollEvent.LAYOUT, "data"));
  }
}
