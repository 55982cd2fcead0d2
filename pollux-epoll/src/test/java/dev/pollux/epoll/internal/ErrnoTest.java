package dev.pollux.epoll.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;

class ErrnoTest {

  @Test
  void peerResetsAndBrokenPipesAreExpectedDisconnects() {
    assertThat(Errno.peerGone(Errno.ECONNRESET)).as("peerGone(ECONNRESET)").isTrue();
    assertThat(Errno.peerGone(Errno.EPIPE)).as("peerGone(EPIPE)").isTrue();
    assertThat(Errno.peerGone(Errno.EBADF)).as("peerGone(EBADF)").isFalse();
    assertThat(Errno.peerGone(Errno.EAGAIN)).as("peerGone(EAGAIN)").isFalse();
  }

  @Test
  void descriptorExhaustionIsOutOfResourcesAndAbortedPendingConnectionsAreRetried() {
    assertThat(Errno.outOfResources(Errno.EMFILE)).as("outOfResources(EMFILE)").isTrue();
    assertThat(Errno.outOfResources(Errno.ENFILE)).as("outOfResources(ENFILE)").isTrue();
    assertThat(Errno.acceptRetry(Errno.EMFILE)).as("acceptRetry(EMFILE)").isFalse();
    assertThat(Errno.acceptRetry(Errno.ECONNABORTED)).as("acceptRetry(ECONNABORTED)").isTrue();
    assertThat(Errno.acceptRetry(Errno.EINTR)).as("acceptRetry(EINTR)").isTrue();
  }

  @Test
  void messagesNameCallDescriptorSubjectAndError() {
    IOException reset = new ErrnoException("read", 12, "with 127.0.0.1:5000", Errno.ECONNRESET);
    assertThat(reset)
        .hasMessage("read(fd 12) with 127.0.0.1:5000: ECONNRESET (Connection reset by peer)");
    IOException emfile = new ErrnoException("accept4", 7, "on listener 0.0.0.0:9000", Errno.EMFILE);
    assertThat(emfile)
        .hasMessage(
            "out of file descriptors: accept4(fd 7) on listener 0.0.0.0:9000: EMFILE (Too many open"
                + " files)");
    assertThat(Errno.name(77)).isEqualTo("errno 77");
  }

  @Test
  void epollWaitTimeoutsRoundUpToWholeMilliseconds() {
    assertThat(EpollPoller.toMillis(-1)).as("toMillis(-1)").isEqualTo(-1);
    assertThat(EpollPoller.toMillis(0)).as("toMillis(0)").isZero();
    assertThat(EpollPoller.toMillis(1)).as("toMillis(1 ns)").isEqualTo(1);
    assertThat(EpollPoller.toMillis(1_000_001)).as("toMillis(1 ms + 1 ns)").isEqualTo(2);
    assertThat(EpollPoller.toMillis(Long.MAX_VALUE / 2)).isEqualTo(Integer.MAX_VALUE);
  }
}
