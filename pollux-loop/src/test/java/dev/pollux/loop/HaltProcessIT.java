package dev.pollux.loop;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link FatalErrorPolicy#haltProcess(int)} ends a real process with its status, after a log. */
class HaltProcessIT {

  @Test
  void anOutOfMemoryErrorOnALoopEndsTheProcessWithTheStatusAfterLoggingIt() throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                java.toString(),
                "-cp",
                System.getProperty("java.class.path"),
                HaltingLoop.class.getName())
            .redirectErrorStream(true)
            .start();
    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(ended).as("the process ended within 60 s; output:%n%s", output).isTrue();
    assertThat(process.exitValue()).as("exit status; output:%n%s", output).isEqualTo(3);
    assertThat(output)
        .contains("pollux-nio-0: fatal error; ending the process with status 3")
        .contains("simulated: Java heap space");
  }
}
