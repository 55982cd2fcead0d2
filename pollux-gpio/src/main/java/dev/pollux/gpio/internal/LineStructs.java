package dev.pollux.gpio.internal;

import static dev.pollux.gpio.internal.GpioUapi.offset;

import dev.pollux.gpio.Bias;
import dev.pollux.gpio.ChipInfo;
import dev.pollux.gpio.Direction;
import dev.pollux.gpio.Edge;
import dev.pollux.gpio.EdgeEvent;
import dev.pollux.gpio.LineInfo;
import dev.pollux.gpio.LineSettings;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Writes and reads the uAPI v2 structs of {@link GpioUapi} in a segment: a request's config from
 * {@link LineSettings}, {@link LineInfo} and {@link ChipInfo} from what the kernel filled in, an
 * {@link EdgeEvent} from what {@code read(2)} returned. Pure: no system calls, so a test runs it on
 * heap memory.
 */
public final class LineStructs {

  private static final long CONFIG_FLAGS = offset(GpioUapi.LINE_CONFIG, "flags");
  private static final long CONFIG_NUM_ATTRS = offset(GpioUapi.LINE_CONFIG, "num_attrs");
  private static final long CONFIG_ATTRS = offset(GpioUapi.LINE_CONFIG, "attrs");
  private static final long CONFIG_ATTR_BYTES = GpioUapi.LINE_CONFIG_ATTRIBUTE.byteSize();
  private static final long ATTR_ID = offset(GpioUapi.LINE_ATTRIBUTE, "id");
  private static final long ATTR_VALUE = offset(GpioUapi.LINE_ATTRIBUTE, "u");
  private static final long CONFIG_ATTR_MASK = offset(GpioUapi.LINE_CONFIG_ATTRIBUTE, "mask");
  private static final long REQUEST_OFFSETS = offset(GpioUapi.LINE_REQUEST, "offsets");
  private static final long REQUEST_CONSUMER = offset(GpioUapi.LINE_REQUEST, "consumer");
  private static final long REQUEST_CONFIG = offset(GpioUapi.LINE_REQUEST, "config");
  private static final long REQUEST_NUM_LINES = offset(GpioUapi.LINE_REQUEST, "num_lines");
  private static final long REQUEST_BUFFER = offset(GpioUapi.LINE_REQUEST, "event_buffer_size");
  private static final long REQUEST_FD = offset(GpioUapi.LINE_REQUEST, "fd");
  private static final long INFO_NAME = offset(GpioUapi.LINE_INFO, "name");
  private static final long INFO_CONSUMER = offset(GpioUapi.LINE_INFO, "consumer");
  private static final long INFO_OFFSET = offset(GpioUapi.LINE_INFO, "offset");
  private static final long INFO_NUM_ATTRS = offset(GpioUapi.LINE_INFO, "num_attrs");
  private static final long INFO_FLAGS = offset(GpioUapi.LINE_INFO, "flags");
  private static final long INFO_ATTRS = offset(GpioUapi.LINE_INFO, "attrs");
  private static final long EVENT_TIMESTAMP = offset(GpioUapi.LINE_EVENT, "timestamp_ns");
  private static final long EVENT_ID = offset(GpioUapi.LINE_EVENT, "id");
  private static final long EVENT_OFFSET = offset(GpioUapi.LINE_EVENT, "offset");
  private static final long EVENT_SEQNO = offset(GpioUapi.LINE_EVENT, "seqno");
  private static final long EVENT_LINE_SEQNO = offset(GpioUapi.LINE_EVENT, "line_seqno");

  private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT;
  private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG;

  private LineStructs() {}

  /** The {@code flags} of a line config for {@code settings}. */
  public static long flags(LineSettings settings) {
    long flags =
        settings.direction() == Direction.OUTPUT ? GpioUapi.FLAG_OUTPUT : GpioUapi.FLAG_INPUT;
    if (settings.activeLow()) {
      flags |= GpioUapi.FLAG_ACTIVE_LOW;
    }
    flags |=
        switch (settings.edge()) {
          case NONE -> 0;
          case RISING -> GpioUapi.FLAG_EDGE_RISING;
          case FALLING -> GpioUapi.FLAG_EDGE_FALLING;
          case BOTH -> GpioUapi.FLAG_EDGE_RISING | GpioUapi.FLAG_EDGE_FALLING;
        };
    if (settings.edge() != Edge.NONE) {
      // Timestamps in CLOCK_REALTIME, so that a client gets the edge's wall-clock time.
      flags |= GpioUapi.FLAG_EVENT_CLOCK_REALTIME;
    }
    flags |=
        switch (settings.bias()) {
          case AS_IS -> 0;
          case PULL_UP -> GpioUapi.FLAG_BIAS_PULL_UP;
          case PULL_DOWN -> GpioUapi.FLAG_BIAS_PULL_DOWN;
          case DISABLED -> GpioUapi.FLAG_BIAS_DISABLED;
        };
    return flags;
  }

  /**
   * Fills {@code config} (a zeroed {@code struct gpio_v2_line_config}) for one line, bit 0 of every
   * mask: the flags, and the initial value of an output or the debounce period of an input as
   * attributes.
   */
  public static void writeConfig(MemorySegment config, LineSettings settings) {
    config.fill((byte) 0);
    config.set(U64, CONFIG_FLAGS, flags(settings));
    int attrs = 0;
    if (settings.direction() == Direction.OUTPUT) {
      writeAttr(config, attrs++, GpioUapi.ATTR_ID_OUTPUT_VALUES, settings.initialValue());
    } else if (!settings.debounce().isZero()) {
      writeAttr(config, attrs++, GpioUapi.ATTR_ID_DEBOUNCE, settings.debounceMicros());
    }
    config.set(U32, CONFIG_NUM_ATTRS, attrs);
  }

  private static void writeAttr(MemorySegment config, int index, int id, long value) {
    long at = CONFIG_ATTRS + index * CONFIG_ATTR_BYTES;
    config.set(U32, at + ATTR_ID, id);
    if (id == GpioUapi.ATTR_ID_DEBOUNCE) {
      config.set(U32, at + ATTR_VALUE, (int) value); // __u32 debounce_period_us
    } else {
      config.set(U64, at + ATTR_VALUE, value);
    }
    config.set(U64, at + CONFIG_ATTR_MASK, 1L); // the request's first (only) line
  }

  /** Fills {@code request} (a {@code struct gpio_v2_line_request}) for line {@code offset}. */
  public static void writeRequest(
      MemorySegment request, int offset, LineSettings settings, String consumer, int bufferSize) {
    request.fill((byte) 0);
    request.set(U32, REQUEST_OFFSETS, offset);
    writeName(request, REQUEST_CONSUMER, consumer);
    writeConfig(request.asSlice(REQUEST_CONFIG, GpioUapi.LINE_CONFIG.byteSize()), settings);
    request.set(U32, REQUEST_NUM_LINES, 1);
    request.set(U32, REQUEST_BUFFER, bufferSize);
  }

  /** The descriptor the kernel put into a line request. */
  public static int requestFd(MemorySegment request) {
    return request.get(U32, REQUEST_FD);
  }

  /** Reads a {@code struct gpio_v2_line_info}. */
  public static LineInfo readLineInfo(MemorySegment info) {
    long flags = info.get(U64, INFO_FLAGS);
    int attrs = Math.min(info.get(U32, INFO_NUM_ATTRS), GpioUapi.NUM_ATTRS_MAX);
    long debounceMicros = 0;
    for (int i = 0; i < attrs; i++) {
      long at = INFO_ATTRS + i * GpioUapi.LINE_ATTRIBUTE.byteSize();
      if (info.get(U32, at + ATTR_ID) == GpioUapi.ATTR_ID_DEBOUNCE) {
        debounceMicros = Integer.toUnsignedLong(info.get(U32, at + ATTR_VALUE));
      }
    }
    return new LineInfo(
        info.get(U32, INFO_OFFSET),
        readName(info, INFO_NAME),
        readName(info, INFO_CONSUMER),
        (flags & GpioUapi.FLAG_USED) != 0,
        (flags & GpioUapi.FLAG_OUTPUT) != 0 ? Direction.OUTPUT : Direction.INPUT,
        (flags & GpioUapi.FLAG_ACTIVE_LOW) != 0,
        bias(flags),
        edge(flags),
        Duration.ofNanos(debounceMicros * 1000));
  }

  /** Asks for line {@code offset}'s info: the kernel reads {@code offset}, the rest must be 0. */
  public static void writeLineInfoQuery(MemorySegment info, int offset) {
    info.fill((byte) 0);
    info.set(U32, INFO_OFFSET, offset);
  }

  private static Bias bias(long flags) {
    if ((flags & GpioUapi.FLAG_BIAS_PULL_UP) != 0) {
      return Bias.PULL_UP;
    }
    if ((flags & GpioUapi.FLAG_BIAS_PULL_DOWN) != 0) {
      return Bias.PULL_DOWN;
    }
    return (flags & GpioUapi.FLAG_BIAS_DISABLED) != 0 ? Bias.DISABLED : Bias.AS_IS;
  }

  private static Edge edge(long flags) {
    boolean rising = (flags & GpioUapi.FLAG_EDGE_RISING) != 0;
    boolean falling = (flags & GpioUapi.FLAG_EDGE_FALLING) != 0;
    if (rising && falling) {
      return Edge.BOTH;
    }
    return rising ? Edge.RISING : falling ? Edge.FALLING : Edge.NONE;
  }

  /** Reads a {@code struct gpiochip_info}. */
  public static ChipInfo readChipInfo(MemorySegment info) {
    return new ChipInfo(
        readName(info, offset(GpioUapi.CHIP_INFO, "name")),
        readName(info, offset(GpioUapi.CHIP_INFO, "label")),
        info.get(U32, offset(GpioUapi.CHIP_INFO, "lines")));
  }

  /** Reads the {@code index}th {@code struct gpio_v2_line_event} of {@code events}. */
  public static EdgeEvent readEvent(MemorySegment events, int index) {
    long at = index * GpioUapi.LINE_EVENT.byteSize();
    return new EdgeEvent(
        events.get(U64, at + EVENT_TIMESTAMP),
        events.get(U32, at + EVENT_ID) == GpioUapi.EVENT_RISING_EDGE,
        events.get(U32, at + EVENT_OFFSET),
        events.get(U32, at + EVENT_SEQNO),
        events.get(U32, at + EVENT_LINE_SEQNO));
  }

  /** A {@code char[32]} the kernel NUL-pads (and need not NUL-terminate when full). */
  static String readName(MemorySegment struct, long at) {
    int length = 0;
    while (length < GpioUapi.MAX_NAME_SIZE && struct.get(ValueLayout.JAVA_BYTE, at + length) != 0) {
      length++;
    }
    byte[] bytes = struct.asSlice(at, length).toArray(ValueLayout.JAVA_BYTE);
    return new String(bytes, StandardCharsets.UTF_8);
  }

  /** Writes {@code name}, cut to 31 bytes so that a NUL always ends it. */
  static void writeName(MemorySegment struct, long at, String name) {
    byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
    int length = Math.min(bytes.length, GpioUapi.MAX_NAME_SIZE - 1);
    MemorySegment.copy(bytes, 0, struct, ValueLayout.JAVA_BYTE, at, length);
    struct.set(ValueLayout.JAVA_BYTE, at + length, (byte) 0);
  }
}
