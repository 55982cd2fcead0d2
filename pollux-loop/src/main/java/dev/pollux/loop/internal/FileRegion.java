package dev.pollux.loop.internal;

import java.nio.channels.FileChannel;

/** A queued region of a file, sent with {@code transferTo}; loop thread only. */
final class FileRegion {

  final FileChannel file;
  long position;
  long remaining;

  FileRegion(FileChannel file, long position, long count) {
    this.file = file;
    this.position = position;
    this.remaining = count;
  }
}
