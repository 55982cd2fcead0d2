package dev.pollux.gpio;

import java.io.IOException;

/**
 * One open GPIO chip: what it is, what its lines are, and requests for lines. Closing the chip
 * leaves the requests made from it open (as the kernel does: each request has its own descriptor).
 */
public interface GpioChip extends AutoCloseable {

  /** The chip's name, label and number of lines. */
  ChipInfo info() throws IOException;

  /** What the kernel says about line {@code offset} now. */
  LineInfo lineInfo(int offset) throws IOException;

  /**
   * Requests line {@code offset} with {@code settings}, in the name of {@code consumer}.
   *
   * @param eventBufferSize edge events the kernel keeps before it drops the oldest (0: its default,
   *     16 per line)
   * @throws GpioException EBUSY when someone else holds the line, EACCES/EPERM when not allowed,
   *     EINVAL for settings the chip refuses
   */
  LineRequest request(int offset, LineSettings settings, String consumer, int eventBufferSize)
      throws IOException;

  /** The offset of the line named {@code name} ({@code GPIO17}), or -1 when none has that name. */
  default int find(String name) throws IOException {
    int lines = info().lines();
    for (int offset = 0; offset < lines; offset++) {
      if (lineInfo(offset).name().equals(name)) {
        return offset;
      }
    }
    return -1;
  }

  @Override
  void close() throws IOException;
}
