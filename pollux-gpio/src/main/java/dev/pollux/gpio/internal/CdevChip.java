package dev.pollux.gpio.internal;

import dev.pollux.gpio.ChipInfo;
import dev.pollux.gpio.GpioChip;
import dev.pollux.gpio.GpioException;
import dev.pollux.gpio.LineInfo;
import dev.pollux.gpio.LineRequest;
import dev.pollux.gpio.LineSettings;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

/**
 * A chip's character device, open: {@code GPIO_GET_CHIPINFO_IOCTL}, {@code
 * GPIO_V2_GET_LINEINFO_IOCTL} and {@code GPIO_V2_GET_LINE_IOCTL} on its descriptor. Each call works
 * in a confined arena of its own: GPIO calls are rare (at start, on a discovery request), so
 * allocating per call costs nothing that matters and shares nothing between threads.
 */
final class CdevChip implements GpioChip {

  private final Path path;
  private final int fd;
  private boolean closed; // guarded by this

  CdevChip(Path path, int fd) {
    this.path = path;
    this.fd = fd;
  }

  @Override
  public synchronized ChipInfo info() throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment info = arena.allocate(GpioUapi.CHIP_INFO);
      ioctl(arena, "GPIO_GET_CHIPINFO_IOCTL", GpioUapi.GPIO_GET_CHIPINFO_IOCTL, info, "");
      return LineStructs.readChipInfo(info);
    }
  }

  @Override
  public synchronized LineInfo lineInfo(int offset) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment info = arena.allocate(GpioUapi.LINE_INFO);
      LineStructs.writeLineInfoQuery(info, offset);
      ioctl(
          arena,
          "GPIO_V2_GET_LINEINFO_IOCTL",
          GpioUapi.GPIO_V2_GET_LINEINFO_IOCTL,
          info,
          " line " + offset);
      return LineStructs.readLineInfo(info);
    }
  }

  @Override
  public synchronized LineRequest request(
      int offset, LineSettings settings, String consumer, int eventBufferSize) throws IOException {
    try (Arena arena = Arena.ofConfined()) {
      MemorySegment request = arena.allocate(GpioUapi.LINE_REQUEST);
      LineStructs.writeRequest(request, offset, settings, consumer, eventBufferSize);
      ioctl(
          arena,
          "GPIO_V2_GET_LINE_IOCTL",
          GpioUapi.GPIO_V2_GET_LINE_IOCTL,
          request,
          " line " + offset);
      String subject = path + " line " + offset;
      return CdevLineRequest.adopt(LineStructs.requestFd(request), offset, subject);
    }
  }

  private void ioctl(Arena arena, String call, long request, MemorySegment argument, String what)
      throws GpioException {
    if (closed) {
      throw new IllegalStateException("chip closed: " + path);
    }
    GpioCalls.ioctl(arena, fd, call, request, argument, path + what);
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try (Arena arena = Arena.ofConfined()) {
      GpioCalls.close(arena.allocate(Native.CALL_STATE), fd); // close(2) releases even on error
    }
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
