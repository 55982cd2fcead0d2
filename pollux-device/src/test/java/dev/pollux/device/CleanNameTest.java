package dev.pollux.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CleanNameTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "coretemp.0|coretemp_0",
        "Package id 0|package_id_0",
        "__x__|x",
        "pci0000:00|pci0000:00",
        "BAT0|bat0",
        "input3::capslock|input3::capslock"
      })
  void cleansNamesAsNodeExporterDoes(String name, String expected) {
    assertThat(CleanName.of(name)).as("CleanName.of(%s)", name).isEqualTo(expected);
  }
}
