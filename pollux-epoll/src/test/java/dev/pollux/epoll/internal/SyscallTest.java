package dev.pollux.epoll.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checks {@link Syscall}'s numbers against the kernel's headers as {@code gcc} sees them: the
 * {@code __NR_} macros of {@code sys/syscall.h} for x86-64 (the native {@code gcc}) and for aarch64
 * (the cross compiler {@code aarch64-linux-gnu-gcc} with its own sysroot), only preprocessed, so
 * nothing has to run on aarch64. A missing compiler fails the test ({@code .ci/install-deps}
 * installs both): a number that cannot be checked is not a number that is right.
 */
class SyscallTest {

  private static final Pattern DEFINE = Pattern.compile("^#define __NR_(\\w+) (\\d+)$");

  @Test
  void numbersAreTheX86_64Kernels() throws Exception {
    Map<String, Integer> header = numbers("gcc");
    for (Syscall call : Syscall.values()) {
      assertThat(call.x86).as("x86-64 %s", call.name).isEqualTo(header.get(call.name));
    }
  }

  @Test
  void numbersAreTheAarch64Kernels() throws Exception {
    Map<String, Integer> header = numbers("aarch64-linux-gnu-gcc");
    for (Syscall call : Syscall.values()) {
      assertThat(call.aarch64).as("aarch64 %s", call.name).isEqualTo(header.get(call.name));
    }
  }

  @Test
  void namesAreTheCallsNames() {
    assertThat(Syscall.EPOLL_PWAIT.name).isEqualTo("epoll_pwait");
    assertThat(Syscall.ACCEPT4.name).isEqualTo(Syscall.ACCEPT4.name().toLowerCase(Locale.ROOT));
  }

  @Test
  void thisMachinesNumbersAreInUse() {
    boolean aarch64 = "aarch64".equals(System.getProperty("os.arch"));
    for (Syscall call : Syscall.values()) {
      assertThat(call.number).as(call.name).isEqualTo(aarch64 ? call.aarch64 : call.x86);
    }
  }

  /** The {@code __NR_} macros {@code compiler} defines after {@code #include <sys/syscall.h>}. */
  private static Map<String, Integer> numbers(String compiler) throws IOException {
    Process gcc;
    try {
      gcc = new ProcessBuilder(compiler, "-dM", "-E", "-x", "c", "-").start();
    } catch (IOException e) {
      return fail("cannot run %s (install it: .ci/install-deps): %s", compiler, e);
    }
    try (var in = gcc.getOutputStream()) {
      in.write("#include <sys/syscall.h>\n".getBytes(StandardCharsets.US_ASCII));
    }
    String output = new String(gcc.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
    String errors = new String(gcc.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      assertThat(gcc.waitFor(60, TimeUnit.SECONDS)).as("%s finished", compiler).isTrue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted", e);
    }
    assertThat(gcc.exitValue()).as("%s: %s", compiler, errors).isZero();
    Map<String, Integer> numbers = new HashMap<>();
    for (String line : output.lines().toList()) {
      Matcher define = DEFINE.matcher(line);
      if (define.matches()) {
        numbers.put(define.group(1), Integer.parseInt(define.group(2)));
      }
    }
    assertThat(numbers).as("__NR_ macros of %s", compiler).containsKey("read");
    return numbers;
  }
}
