package dev.pollux.bench.peers;

/** A running contestant: the port it listens on, and {@link #close()} to stop it. */
public interface PeerServer extends AutoCloseable {

  /** The port bound on 127.0.0.1. */
  int port();

  /** Stops listening and releases the server's threads. */
  @Override
  void close();
}
