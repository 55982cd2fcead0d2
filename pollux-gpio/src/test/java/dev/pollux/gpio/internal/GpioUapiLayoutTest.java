package dev.pollux.gpio.internal;

import static dev.pollux.gpio.internal.GpioUapi.offset;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checks {@link GpioUapi}'s layouts and ioctl numbers against what {@code gcc} makes of the
 * system's own {@code linux/gpio.h}, for x86-64 (the native {@code gcc}) and aarch64 (the cross
 * compiler {@code aarch64-linux-gnu-gcc} with its own sysroot's header).
 *
 * <p>Nothing is run: the C program only compiles to assembly ({@code -S}), where each value is an
 * immediate operand printed into an {@code .ascii} line (the trick of the kernel's own {@code
 * asm-offsets}), so the aarch64 values come from a compiler whose output cannot run here. A missing
 * compiler fails the test: a layout that cannot be checked is not a layout that is right ({@code
 * .ci/install-deps} installs both).
 */
class GpioUapiLayoutTest {

  private static final long COMPILE_SECONDS = 60;

  @TempDir Path dir;

  /** C expression → the value Java has for it. */
  private static Map<String, Long> expected() {
    Map<String, Long> values = new LinkedHashMap<>();
    struct(values, "gpiochip_info", GpioUapi.CHIP_INFO.byteSize());
    field(values, "gpiochip_info", "name", offset(GpioUapi.CHIP_INFO, "name"));
    field(values, "gpiochip_info", "label", offset(GpioUapi.CHIP_INFO, "label"));
    field(values, "gpiochip_info", "lines", offset(GpioUapi.CHIP_INFO, "lines"));
    struct(values, "gpio_v2_line_values", GpioUapi.LINE_VALUES.byteSize());
    field(values, "gpio_v2_line_values", "bits", offset(GpioUapi.LINE_VALUES, "bits"));
    field(values, "gpio_v2_line_values", "mask", offset(GpioUapi.LINE_VALUES, "mask"));
    struct(values, "gpio_v2_line_attribute", GpioUapi.LINE_ATTRIBUTE.byteSize());
    field(values, "gpio_v2_line_attribute", "id", offset(GpioUapi.LINE_ATTRIBUTE, "id"));
    field(values, "gpio_v2_line_attribute", "flags", offset(GpioUapi.LINE_ATTRIBUTE, "u", "flags"));
    field(
        values, "gpio_v2_line_attribute", "values", offset(GpioUapi.LINE_ATTRIBUTE, "u", "values"));
    field(
        values,
        "gpio_v2_line_attribute",
        "debounce_period_us",
        offset(GpioUapi.LINE_ATTRIBUTE, "u", "debounce_period_us"));
    struct(values, "gpio_v2_line_config_attribute", GpioUapi.LINE_CONFIG_ATTRIBUTE.byteSize());
    field(
        values,
        "gpio_v2_line_config_attribute",
        "mask",
        offset(GpioUapi.LINE_CONFIG_ATTRIBUTE, "mask"));
    struct(values, "gpio_v2_line_config", GpioUapi.LINE_CONFIG.byteSize());
    for (String name : List.of("flags", "num_attrs", "padding", "attrs")) {
      field(values, "gpio_v2_line_config", name, offset(GpioUapi.LINE_CONFIG, name));
    }
    struct(values, "gpio_v2_line_request", GpioUapi.LINE_REQUEST.byteSize());
    for (String name :
        List.of("offsets", "consumer", "config", "num_lines", "event_buffer_size", "fd")) {
      field(values, "gpio_v2_line_request", name, offset(GpioUapi.LINE_REQUEST, name));
    }
    struct(values, "gpio_v2_line_info", GpioUapi.LINE_INFO.byteSize());
    for (String name :
        List.of("name", "consumer", "offset", "num_attrs", "flags", "attrs", "padding")) {
      field(values, "gpio_v2_line_info", name, offset(GpioUapi.LINE_INFO, name));
    }
    struct(values, "gpio_v2_line_event", GpioUapi.LINE_EVENT.byteSize());
    for (String name : List.of("timestamp_ns", "id", "offset", "seqno", "line_seqno")) {
      field(values, "gpio_v2_line_event", name, offset(GpioUapi.LINE_EVENT, name));
    }
    values.put("GPIO_GET_CHIPINFO_IOCTL", GpioUapi.GPIO_GET_CHIPINFO_IOCTL);
    values.put("GPIO_V2_GET_LINEINFO_IOCTL", GpioUapi.GPIO_V2_GET_LINEINFO_IOCTL);
    values.put("GPIO_V2_GET_LINE_IOCTL", GpioUapi.GPIO_V2_GET_LINE_IOCTL);
    values.put("GPIO_V2_LINE_SET_CONFIG_IOCTL", GpioUapi.GPIO_V2_LINE_SET_CONFIG_IOCTL);
    values.put("GPIO_V2_LINE_GET_VALUES_IOCTL", GpioUapi.GPIO_V2_LINE_GET_VALUES_IOCTL);
    values.put("GPIO_V2_LINE_SET_VALUES_IOCTL", GpioUapi.GPIO_V2_LINE_SET_VALUES_IOCTL);
    values.put("GPIO_MAX_NAME_SIZE", (long) GpioUapi.MAX_NAME_SIZE);
    values.put("GPIO_V2_LINES_MAX", (long) GpioUapi.LINES_MAX);
    values.put("GPIO_V2_LINE_NUM_ATTRS_MAX", (long) GpioUapi.NUM_ATTRS_MAX);
    values.put("GPIO_V2_LINE_FLAG_USED", GpioUapi.FLAG_USED);
    values.put("GPIO_V2_LINE_FLAG_ACTIVE_LOW", GpioUapi.FLAG_ACTIVE_LOW);
    values.put("GPIO_V2_LINE_FLAG_INPUT", GpioUapi.FLAG_INPUT);
    values.put("GPIO_V2_LINE_FLAG_OUTPUT", GpioUapi.FLAG_OUTPUT);
    values.put("GPIO_V2_LINE_FLAG_EDGE_RISING", GpioUapi.FLAG_EDGE_RISING);
    values.put("GPIO_V2_LINE_FLAG_EDGE_FALLING", GpioUapi.FLAG_EDGE_FALLING);
    values.put("GPIO_V2_LINE_FLAG_BIAS_PULL_UP", GpioUapi.FLAG_BIAS_PULL_UP);
    values.put("GPIO_V2_LINE_FLAG_BIAS_PULL_DOWN", GpioUapi.FLAG_BIAS_PULL_DOWN);
    values.put("GPIO_V2_LINE_FLAG_BIAS_DISABLED", GpioUapi.FLAG_BIAS_DISABLED);
    values.put("GPIO_V2_LINE_FLAG_EVENT_CLOCK_REALTIME", GpioUapi.FLAG_EVENT_CLOCK_REALTIME);
    values.put("GPIO_V2_LINE_ATTR_ID_FLAGS", (long) GpioUapi.ATTR_ID_FLAGS);
    values.put("GPIO_V2_LINE_ATTR_ID_OUTPUT_VALUES", (long) GpioUapi.ATTR_ID_OUTPUT_VALUES);
    values.put("GPIO_V2_LINE_ATTR_ID_DEBOUNCE", (long) GpioUapi.ATTR_ID_DEBOUNCE);
    values.put("GPIO_V2_LINE_EVENT_RISING_EDGE", (long) GpioUapi.EVENT_RISING_EDGE);
    values.put("GPIO_V2_LINE_EVENT_FALLING_EDGE", (long) GpioUapi.EVENT_FALLING_EDGE);
    values.put("sizeof(struct pollfd)", GpioCalls.POLLFD.byteSize());
    return values;
  }

  private static void struct(Map<String, Long> values, String struct, long size) {
    values.put("sizeof(struct " + struct + ")", size);
  }

  private static void field(Map<String, Long> values, String struct, String name, long offset) {
    values.put("offsetof(struct " + struct + ", " + name + ")", offset);
  }

  @Test
  void layoutsMatchTheSystemHeaderOnX86_64() throws Exception {
    assertMatches("gcc", "x86-64");
  }

  @Test
  void layoutsMatchTheSystemHeaderOnAarch64() throws Exception {
    assertMatches("aarch64-linux-gnu-gcc", "aarch64");
  }

  @Test
  void theEventIs48BytesAsTheUapiSays() {
    assertThat(GpioUapi.LINE_EVENT.byteSize()).isEqualTo(48);
  }

  private void assertMatches(String compiler, String arch) throws Exception {
    Map<String, Long> expected = expected();
    Map<String, Long> actual = compile(compiler, expected);
    assertThat(actual.keySet())
        .as("%s printed a value for every expression", compiler)
        .containsExactlyInAnyOrderElementsOf(expected.keySet());
    List<String> wrong = new ArrayList<>();
    expected.forEach(
        (expression, java) -> {
          if (!java.equals(actual.get(expression))) {
            wrong.add(expression + ": C " + actual.get(expression) + ", Java " + java);
          }
        });
    assertThat(wrong).as("layouts that differ from linux/gpio.h on %s", arch).isEmpty();
  }

  private Map<String, Long> compile(String compiler, Map<String, Long> expected)
      throws IOException, InterruptedException {
    StringBuilder c = new StringBuilder();
    c.append("#include <stddef.h>\n#include <poll.h>\n#include <linux/gpio.h>\n");
    // Two 32-bit halves: x86-64 takes no immediate above 2^31 (the ioctl numbers are).
    c.append("#define HI(v) ((int) ((unsigned long long) (v) >> 32))\n");
    c.append("#define LO(v) ((int) ((unsigned long long) (v) & 0xffffffffu))\n");
    c.append("#define EMIT(i, v) __asm__ volatile(\"\\n.ascii \\\"->\" #i \" %c0 %c1\\\"\"")
        .append(" : : \"i\"(HI(v)), \"i\"(LO(v)))\n");
    c.append("void emit(void) {\n");
    int i = 0;
    List<String> expressions = new ArrayList<>(expected.keySet());
    for (String expression : expressions) {
      c.append("  EMIT(").append(i++).append(", ").append(expression).append(");\n");
    }
    c.append("}\n");
    Path source = dir.resolve("layouts.c");
    Path assembly = dir.resolve("layouts-" + compiler + ".s");
    Files.writeString(source, c);
    Path log = dir.resolve("compile.log");
    Process process;
    try {
      process =
          new ProcessBuilder(compiler, "-S", "-O0", "-o", assembly.toString(), source.toString())
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      return fail(
          "cannot run %s (%s): the GPIO layouts cannot be checked; install it (.ci/install-deps:"
              + " gcc, gcc-aarch64-linux-gnu, linux-libc-dev)",
          compiler, e.getMessage());
    }
    if (!process.waitFor(COMPILE_SECONDS, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      return fail("%s did not finish in %d s", compiler, COMPILE_SECONDS);
    }
    if (process.exitValue() != 0) {
      return fail("%s failed (exit %d):%n%s", compiler, process.exitValue(), Files.readString(log));
    }
    return parse(Files.readAllLines(assembly, StandardCharsets.UTF_8), expressions);
  }

  /** Lines like {@code .ascii "->3 0 68"}: the expression's index, the high and the low half. */
  private static Map<String, Long> parse(List<String> lines, List<String> expressions) {
    Map<String, Long> values = new LinkedHashMap<>();
    for (String line : lines) {
      int arrow = line.indexOf("->");
      if (arrow < 0) {
        continue;
      }
      int space = line.indexOf(' ', arrow);
      int second = line.indexOf(' ', space + 1);
      int end = line.indexOf('"', second);
      int index = Integer.parseInt(line.substring(arrow + 2, space));
      long high = Long.parseLong(line.substring(space + 1, second));
      long low = Long.parseLong(line.substring(second + 1, end));
      values.put(expressions.get(index), high << 32 | (low & 0xffff_ffffL));
    }
    return values;
  }
}
