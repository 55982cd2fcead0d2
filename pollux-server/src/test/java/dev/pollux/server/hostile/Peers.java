package dev.pollux.server.hostile;

import java.io.Closeable;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The connections of one attack, all closed by {@link #close()}: the test holds them open while it
 * looks at the server, and the attack ends when they close.
 */
final class Peers implements Closeable {

  /** What each new connection does before it is held (sends a head, a frame, nothing). */
  interface Opening {
    void start(Peer peer) throws IOException;
  }

  private final List<Peer> peers = new ArrayList<>();

  /**
   * Opens {@code count} connections from {@code source} to {@code port}, each started by {@code
   * opening}.
   */
  static Peers open(int count, String source, int port, Opening opening) throws IOException {
    Peers peers = new Peers();
    try {
      for (int i = 0; i < count; i++) {
        Peer peer = Peer.connect(source, port);
        peers.peers.add(peer);
        opening.start(peer);
      }
      return peers;
    } catch (IOException | RuntimeException e) {
      peers.close();
      throw e;
    }
  }

  List<Peer> all() {
    return peers;
  }

  int size() {
    return peers.size();
  }

  @Override
  public void close() {
    RuntimeException failure = null;
    for (Peer peer : peers) {
      try {
        peer.close();
      } catch (RuntimeException e) {
        failure = e;
      }
    }
    peers.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
