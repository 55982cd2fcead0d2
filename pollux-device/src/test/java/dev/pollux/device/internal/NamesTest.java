package dev.pollux.device.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {
  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "*|anything|true",
        "thermal_*|thermal_zone0|true",
        "thermal_*|hwmon_x|false",
        "hwmon_*_temp?|hwmon_platform_coretemp_0_temp1|true",
        "hwmon_*_temp?|hwmon_platform_coretemp_0_temp12|false",
        "load1|load15|false",
        "*5|load15|true",
        "a*b*c|axxbyyc|true",
        "a*b*c|axxbyy|false"
      })
  void matchesGlobs(String glob, String id, boolean expected) {
    assertThat(Names.glob(glob, id)).as("glob(%s, %s)", glob, id).isEqualTo(expected);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "load1|''|''|true",
        "load1|load*|''|true",
        "load1|load*|*1|false",
        "x|load*|''|false"
      })
  void appliesIncludeThenExclude(String id, String include, String exclude, boolean expected) {
    List<String> in = include.isEmpty() ? List.of() : List.of(include);
    List<String> out = exclude.isEmpty() ? List.of() : List.of(exclude);
    assertThat(Names.accepted(id, in, out))
        .as("accepted(%s, %s, %s)", id, in, out)
        .isEqualTo(expected);
  }
}
