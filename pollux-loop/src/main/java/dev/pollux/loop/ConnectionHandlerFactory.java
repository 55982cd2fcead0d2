package dev.pollux.loop;

/** Makes the handler of each new connection, on the connection's loop thread. */
@FunctionalInterface
public interface ConnectionHandlerFactory {

  /** Returns the handler for {@code connection}, which has just been accepted. */
  ConnectionHandler newHandler(Connection connection);
}
