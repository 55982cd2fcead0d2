package dev.pollux.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pollux.http.internal.HttpConnection;
import org.junit.jupiter.api.Test;

/** Scratch: reaches into pollux-http's internals, which LayeringTest must refuse. */
class ReachesIntoHttpTest {
  @Test
  void namesAnInternalClass() {
    assertThat(HttpConnection.class.getSimpleName()).isEqualTo("HttpConnection");
  }
}
