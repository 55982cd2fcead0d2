package dev.pollux.server.cli;

import java.util.Locale;

/** The I/O models of {@code --io} (design.md, "The event loop"). */
public enum IoModel {
  AUTO,
  EPOLL,
  NIO,
  POLL,
  THREADS,
  VIRTUAL;

  /** The name as written on the command line, e.g. {@code nio}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a model name, case-insensitively; the message lists the accepted names. */
  public static IoModel parse(String text) {
    for (IoModel model : values()) {
      if (model.label().equalsIgnoreCase(text.strip())) {
        return model;
      }
    }
    throw new IllegalArgumentException(
        "'" + text + "' is not an I/O model: expected auto, epoll, nio, poll, threads or virtual");
  }
}
