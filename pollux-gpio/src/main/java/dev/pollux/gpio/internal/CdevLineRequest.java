package dev.pollux.gpio.internal;

import dev.pollux.gpio.EdgeEvent;
import dev.pollux.gpio.GpioException;
import dev.pollux.gpio.LineRequest;
import dev.pollux.gpio.LineSettings;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A line request's descriptor (what {@code GPIO_V2_GET_LINE_IOCTL} returned): {@code
 * GPIO_V2_LINE_GET_VALUES_IOCTL}, {@code GPIO_V2_LINE_SET_VALUES_IOCTL}, {@code
 * GPIO_V2_LINE_SET_CONFIG_IOCTL}, and edge events by {@code read(2)}.
 *
 * <p>The reader waits in {@code poll(2)} on the request's descriptor and an eventfd of its own:
 * closing a descriptor does not wake a thread blocked in {@code read(2)} on it (and its number may
 * be reused at once), so {@link #wakeUp()} writes the eventfd instead, and the descriptors are
 * closed only once the reader has left.
 */
final class CdevLineRequest implements LineRequest {

  private static final long EVENT_BYTES = GpioUapi.LINE_EVENT.byteSize();

  private final int fd;
  private final int wakeFd;
  private final int offset;
  private final String subject;
  private final Arena readerArena = Arena.ofShared(); // the reader's buffers, freed by close()
  private final MemorySegment readerState = readerArena.allocate(Native.CALL_STATE);
  private final MemorySegment pollFds = readerArena.allocate(GpioCalls.POLLFD, 2);
  private final MemorySegment counter = readerArena.allocate(ValueLayout.JAVA_LONG);
  private MemorySegment events; // reader thread only; grows to the largest array asked for
  private boolean closed; // guarded by this

  private CdevLineRequest(int fd, int wakeFd, int offset, String subject) {
    this.fd = fd;
    this.wakeFd = wakeFd;
    this.offset = offset;
    this.subject = subject;
    setPollFd(0, fd);
    setPollFd(1, wakeFd);
  }

  /** Takes over the request's descriptor {@code fd}; closes it if the eventfd cannot be made. */
  static CdevLineRequest adopt(int fd, int offset, String subject) throws GpioException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Native.CALL_STATE);
      int wakeFd = GpioCalls.eventfd(state);
      if (wakeFd < 0) {
        GpioCalls.close(state, fd);
        throw new GpioException(GpioCalls.describe("eventfd", subject, -wakeFd), -wakeFd);
      }
      return new CdevLineRequest(fd, wakeFd, offset, subject);
    }
  }

  private void setPollFd(int index, int descriptor) {
    MemorySegment entry = pollFds.asSlice(index * GpioCalls.POLLFD.byteSize());
    entry.set(ValueLayout.JAVA_INT, 0, descriptor);
    entry.set(ValueLayout.JAVA_SHORT, 4, GpioCalls.POLLIN);
  }

  @Override
  public int offset() {
    return offset;
  }

  @Override
  public synchronized int get() throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment values = arena.allocate(GpioUapi.LINE_VALUES);
      values.set(ValueLayout.JAVA_LONG, 8, 1L); // mask: the request's only line
      ioctl(arena, "GPIO_V2_LINE_GET_VALUES_IOCTL", GpioUapi.GPIO_V2_LINE_GET_VALUES_IOCTL, values);
      return (int) (values.get(ValueLayout.JAVA_LONG, 0) & 1);
    }
  }

  @Override
  public synchronized void set(int value) throws IOException {
    if (value != 0 && value != 1) {
      throw new IllegalArgumentException("value not 0 or 1: " + value);
    }
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment values = arena.allocate(GpioUapi.LINE_VALUES);
      values.set(ValueLayout.JAVA_LONG, 0, value);
      values.set(ValueLayout.JAVA_LONG, 8, 1L);
      ioctl(arena, "GPIO_V2_LINE_SET_VALUES_IOCTL", GpioUapi.GPIO_V2_LINE_SET_VALUES_IOCTL, values);
    }
  }

  @Override
  public synchronized void reconfigure(LineSettings settings) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment config = arena.allocate(GpioUapi.LINE_CONFIG);
      LineStructs.writeConfig(config, settings);
      ioctl(arena, "GPIO_V2_LINE_SET_CONFIG_IOCTL", GpioUapi.GPIO_V2_LINE_SET_CONFIG_IOCTL, config);
    }
  }

  private void ioctl(Arena arena, String call, long request, MemorySegment argument)
      throws GpioException {
    if (closed) {
      throw new IllegalStateException("line released: " + subject);
    }
    GpioCalls.ioctl(arena, fd, call, request, argument, subject);
  }

  @Override
  public int readEvents(EdgeEvent[] into) throws IOException {
    if (events == null || events.byteSize() < into.length * EVENT_BYTES) {
      events = readerArena.allocate(GpioUapi.LINE_EVENT, into.length);
    }
    while (true) {
      int ready = GpioCalls.poll(readerState, pollFds, -1);
      if (ready == -GpioException.EINTR) {
        continue;
      }
      if (ready < 0) {
        throw new GpioException(GpioCalls.describe("poll", subject, -ready), -ready);
      }
      if (revents(0) != 0) {
        int count = read(into);
        if (count > 0) {
          return count;
        }
      }
      if (revents(1) != 0) {
        GpioCalls.read(readerState, wakeFd, counter); // resets the counter to 0
        return 0;
      }
    }
  }

  private short revents(int index) {
    return pollFds.get(ValueLayout.JAVA_SHORT, index * GpioCalls.POLLFD.byteSize() + 6);
  }

  /** Reads the events there are; 0 after a spurious wake-up (EINTR, EAGAIN), to poll again. */
  private int read(EdgeEvent[] into) throws GpioException {
    MemorySegment buffer = events.asSlice(0, into.length * EVENT_BYTES);
    long bytes = GpioCalls.read(readerState, fd, buffer);
    if (bytes == -GpioException.EINTR || bytes == -GpioException.EAGAIN) {
      return 0;
    }
    if (bytes < 0) {
      throw new GpioException(GpioCalls.describe("read", subject, (int) -bytes), (int) -bytes);
    }
    int count = (int) (bytes / EVENT_BYTES); // the kernel returns whole events only
    for (int i = 0; i < count; i++) {
      into[i] = LineStructs.readEvent(buffer, i);
    }
    return count;
  }

  @Override
  public void wakeUp() {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment one = arena.allocate(ValueLayout.JAVA_LONG);
      one.set(ValueLayout.JAVA_LONG, 0, 1L);
      synchronized (this) {
        if (!closed) {
          GpioCalls.write(arena.allocate(Native.CALL_STATE), wakeFd, one);
        }
      }
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment state = arena.allocate(Native.CALL_STATE);
      GpioCalls.close(state, fd); // releases the line
      GpioCalls.close(state, wakeFd);
    }
    readerArena.close();
  }

  @Override
  public String toString() {
    return subject;
  }
}
