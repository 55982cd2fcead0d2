package dev.pollux.device.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttributeFileTest {
  @TempDir Path dir;

  @Test
  void readsASysfsValueInOneRead() throws Exception {
    Path file = Files.writeString(dir.resolve("temp"), "45000\n");
    AttributeFile attribute = AttributeFile.sysfs(file);
    int length = attribute.read();
    assertThat(new String(attribute.bytes(), 0, length, StandardCharsets.US_ASCII))
        .isEqualTo("45000\n");
  }

  @Test
  void readsAProcfsFileToItsEnd() throws Exception {
    String text = "x".repeat(5000);
    Path file = Files.writeString(dir.resolve("stat"), text);
    assertThat(AttributeFile.procfs(file, 8192).read()).isEqualTo(5000);
  }

  @Test
  void saysMissingForAMissingFile() {
    AttributeFile attribute = AttributeFile.sysfs(dir.resolve("nope"));
    assertThatThrownBy(attribute::read)
        .isInstanceOfSatisfying(
            ReadFailure.class, f -> assertThat(f.error()).isEqualTo(ReadError.MISSING));
  }

  @Test
  void saysIoErrorForADirectory() throws Exception {
    AttributeFile attribute = AttributeFile.sysfs(Files.createDirectory(dir.resolve("temp")));
    assertThatThrownBy(attribute::read)
        .isInstanceOfSatisfying(
            ReadFailure.class, f -> assertThat(f.error()).isEqualTo(ReadError.IO));
  }

  /** The JDK reports the errno of a failed read(2) only as strerror text. */
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "Resource temporarily unavailable|UNAVAILABLE",
        "No data available|UNAVAILABLE",
        "No such device|MISSING",
        "Permission denied|PERMISSION",
        "Operation not permitted|PERMISSION",
        "Input/output error|IO",
        "Is a directory|IO"
      })
  void classifiesTheErrnoText(String message, ReadError expected) {
    assertThat(AttributeFile.classify(message)).as("classify(%s)", message).isEqualTo(expected);
  }
}
