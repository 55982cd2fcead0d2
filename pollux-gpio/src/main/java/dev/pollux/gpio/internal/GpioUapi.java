package dev.pollux.gpio.internal;

import static java.lang.foreign.MemoryLayout.PathElement.groupElement;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.UnionLayout;
import java.lang.foreign.ValueLayout;

/**
 * The structs, flags and ioctl request numbers of the GPIO character device's uAPI v2 ({@code
 * linux/gpio.h}), as {@link MemoryLayout}s with the C they mirror quoted above them.
 *
 * <p>Every 64-bit field of the v2 structs is {@code __aligned_u64} and every struct is padded by
 * hand to a multiple of 8, precisely so that 32-bit and 64-bit ABIs agree: the layouts are the same
 * on x86-64 and aarch64, and {@code GpioUapiLayoutTest} checks them against what {@code gcc} makes
 * of the system's header for both. Values are in the machine's byte order (little-endian on both).
 */
public final class GpioUapi {

  /** {@code GPIO_MAX_NAME_SIZE}: names and consumers are NUL-padded {@code char[32]}. */
  public static final int MAX_NAME_SIZE = 32;

  /** {@code GPIO_V2_LINES_MAX}: lines in one request at most. */
  public static final int LINES_MAX = 64;

  /** {@code GPIO_V2_LINE_NUM_ATTRS_MAX}: attributes in one line config at most. */
  public static final int NUM_ATTRS_MAX = 10;

  // enum gpio_v2_line_flag
  public static final long FLAG_USED = 1L;
  public static final long FLAG_ACTIVE_LOW = 1L << 1;
  public static final long FLAG_INPUT = 1L << 2;
  public static final long FLAG_OUTPUT = 1L << 3;
  public static final long FLAG_EDGE_RISING = 1L << 4;
  public static final long FLAG_EDGE_FALLING = 1L << 5;
  public static final long FLAG_OPEN_DRAIN = 1L << 6;
  public static final long FLAG_OPEN_SOURCE = 1L << 7;
  public static final long FLAG_BIAS_PULL_UP = 1L << 8;
  public static final long FLAG_BIAS_PULL_DOWN = 1L << 9;
  public static final long FLAG_BIAS_DISABLED = 1L << 10;
  public static final long FLAG_EVENT_CLOCK_REALTIME = 1L << 11;

  // enum gpio_v2_line_attr_id
  public static final int ATTR_ID_FLAGS = 1;
  public static final int ATTR_ID_OUTPUT_VALUES = 2;
  public static final int ATTR_ID_DEBOUNCE = 3;

  // enum gpio_v2_line_event_id
  public static final int EVENT_RISING_EDGE = 1;
  public static final int EVENT_FALLING_EDGE = 2;

  private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT;
  private static final ValueLayout.OfLong ALIGNED_U64 = ValueLayout.JAVA_LONG;

  private static MemoryLayout chars(int count, String name) {
    return MemoryLayout.sequenceLayout(count, ValueLayout.JAVA_BYTE).withName(name);
  }

  private static MemoryLayout u32s(int count, String name) {
    return MemoryLayout.sequenceLayout(count, U32).withName(name);
  }

  /**
   * <pre>
   * struct gpiochip_info {
   *   char name[GPIO_MAX_NAME_SIZE];
   *   char label[GPIO_MAX_NAME_SIZE];
   *   __u32 lines;
   * };
   * </pre>
   */
  public static final StructLayout CHIP_INFO =
      MemoryLayout.structLayout(
          chars(MAX_NAME_SIZE, "name"), chars(MAX_NAME_SIZE, "label"), U32.withName("lines"));

  /**
   * <pre>
   * struct gpio_v2_line_values {
   *   __aligned_u64 bits;
   *   __aligned_u64 mask;
   * };
   * </pre>
   */
  public static final StructLayout LINE_VALUES =
      MemoryLayout.structLayout(ALIGNED_U64.withName("bits"), ALIGNED_U64.withName("mask"));

  /**
   * The anonymous union of {@code struct gpio_v2_line_attribute}; C reaches its members directly,
   * Java through the name {@code u}.
   */
  private static final UnionLayout ATTRIBUTE_VALUE =
      MemoryLayout.unionLayout(
          ALIGNED_U64.withName("flags"),
          ALIGNED_U64.withName("values"),
          U32.withName("debounce_period_us"));

  /**
   * <pre>
   * struct gpio_v2_line_attribute {
   *   __u32 id;
   *   __u32 padding;
   *   union {
   *     __aligned_u64 flags;
   *     __aligned_u64 values;
   *     __u32 debounce_period_us;
   *   };
   * };
   * </pre>
   */
  public static final StructLayout LINE_ATTRIBUTE =
      MemoryLayout.structLayout(
          U32.withName("id"), U32.withName("padding"), ATTRIBUTE_VALUE.withName("u"));

  /**
   * <pre>
   * struct gpio_v2_line_config_attribute {
   *   struct gpio_v2_line_attribute attr;
   *   __aligned_u64 mask;
   * };
   * </pre>
   */
  public static final StructLayout LINE_CONFIG_ATTRIBUTE =
      MemoryLayout.structLayout(LINE_ATTRIBUTE.withName("attr"), ALIGNED_U64.withName("mask"));

  /**
   * <pre>
   * struct gpio_v2_line_config {
   *   __aligned_u64 flags;
   *   __u32 num_attrs;
   *   __u32 padding[5];
   *   struct gpio_v2_line_config_attribute attrs[GPIO_V2_LINE_NUM_ATTRS_MAX];
   * };
   * </pre>
   */
  public static final StructLayout LINE_CONFIG =
      MemoryLayout.structLayout(
          ALIGNED_U64.withName("flags"),
          U32.withName("num_attrs"),
          u32s(5, "padding"),
          MemoryLayout.sequenceLayout(NUM_ATTRS_MAX, LINE_CONFIG_ATTRIBUTE).withName("attrs"));

  /**
   * <pre>
   * struct gpio_v2_line_request {
   *   __u32 offsets[GPIO_V2_LINES_MAX];
   *   char consumer[GPIO_MAX_NAME_SIZE];
   *   struct gpio_v2_line_config config;
   *   __u32 num_lines;
   *   __u32 event_buffer_size;
   *   __u32 padding[5];
   *   __s32 fd;
   * };
   * </pre>
   */
  public static final StructLayout LINE_REQUEST =
      MemoryLayout.structLayout(
          u32s(LINES_MAX, "offsets"),
          chars(MAX_NAME_SIZE, "consumer"),
          LINE_CONFIG.withName("config"),
          U32.withName("num_lines"),
          U32.withName("event_buffer_size"),
          u32s(5, "padding"),
          ValueLayout.JAVA_INT.withName("fd"));

  /**
   * <pre>
   * struct gpio_v2_line_info {
   *   char name[GPIO_MAX_NAME_SIZE];
   *   char consumer[GPIO_MAX_NAME_SIZE];
   *   __u32 offset;
   *   __u32 num_attrs;
   *   __aligned_u64 flags;
   *   struct gpio_v2_line_attribute attrs[GPIO_V2_LINE_NUM_ATTRS_MAX];
   *   __u32 padding[4];
   * };
   * </pre>
   */
  public static final StructLayout LINE_INFO =
      MemoryLayout.structLayout(
          chars(MAX_NAME_SIZE, "name"),
          chars(MAX_NAME_SIZE, "consumer"),
          U32.withName("offset"),
          U32.withName("num_attrs"),
          ALIGNED_U64.withName("flags"),
          MemoryLayout.sequenceLayout(NUM_ATTRS_MAX, LINE_ATTRIBUTE).withName("attrs"),
          u32s(4, "padding"));

  /**
   * What {@code read(2)} on a line request's descriptor returns, one or more at a time:
   *
   * <pre>
   * struct gpio_v2_line_event {
   *   __aligned_u64 timestamp_ns;
   *   __u32 id;          // GPIO_V2_LINE_EVENT_RISING_EDGE or _FALLING_EDGE
   *   __u32 offset;
   *   __u32 seqno;       // across all lines of the request
   *   __u32 line_seqno;  // this line's own
   *   __u32 padding[6];
   * };
   * </pre>
   */
  public static final StructLayout LINE_EVENT =
      MemoryLayout.structLayout(
          ALIGNED_U64.withName("timestamp_ns"),
          U32.withName("id"),
          U32.withName("offset"),
          U32.withName("seqno"),
          U32.withName("line_seqno"),
          u32s(6, "padding"));

  // asm-generic/ioctl.h, the same on x86-64 and aarch64:
  // _IOC(dir, type, nr, size) = dir << 30 | size << 16 | type << 8 | nr
  private static final int IOC_WRITE = 1;
  private static final int IOC_READ = 2;
  private static final int GPIO_IOCTL_TYPE = 0xB4;

  /** {@code _IOR(0xB4, 0x01, struct gpiochip_info)} */
  public static final long GPIO_GET_CHIPINFO_IOCTL = ioc(IOC_READ, 0x01, CHIP_INFO);

  /** {@code _IOWR(0xB4, 0x05, struct gpio_v2_line_info)} */
  public static final long GPIO_V2_GET_LINEINFO_IOCTL = ioc(IOC_READ | IOC_WRITE, 0x05, LINE_INFO);

  /** {@code _IOWR(0xB4, 0x07, struct gpio_v2_line_request)} */
  public static final long GPIO_V2_GET_LINE_IOCTL = ioc(IOC_READ | IOC_WRITE, 0x07, LINE_REQUEST);

  /** {@code _IOWR(0xB4, 0x0D, struct gpio_v2_line_config)} */
  public static final long GPIO_V2_LINE_SET_CONFIG_IOCTL =
      ioc(IOC_READ | IOC_WRITE, 0x0D, LINE_CONFIG);

  /** {@code _IOWR(0xB4, 0x0E, struct gpio_v2_line_values)} */
  public static final long GPIO_V2_LINE_GET_VALUES_IOCTL =
      ioc(IOC_READ | IOC_WRITE, 0x0E, LINE_VALUES);

  /** {@code _IOWR(0xB4, 0x0F, struct gpio_v2_line_values)} */
  public static final long GPIO_V2_LINE_SET_VALUES_IOCTL =
      ioc(IOC_READ | IOC_WRITE, 0x0F, LINE_VALUES);

  private GpioUapi() {}

  private static long ioc(int dir, int nr, MemoryLayout argument) {
    return ((long) dir << 30) | (argument.byteSize() << 16) | (GPIO_IOCTL_TYPE << 8) | nr;
  }

  /** The byte offset of a (nested) field, e.g. {@code offset(LINE_REQUEST, "config", "flags")}. */
  public static long offset(MemoryLayout layout, String... path) {
    MemoryLayout.PathElement[] elements = new MemoryLayout.PathElement[path.length];
    for (int i = 0; i < path.length; i++) {
      elements[i] = groupElement(path[i]);
    }
    return layout.byteOffset(elements);
  }
}
