package dev.pollux.http.internal.routing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StaticPathsTest {

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "a.txt|a.txt",
        "css/app.css|css/app.css",
        "''|''",
        "dir/|dir/",
        "my%20file|my file",
        "caf%C3%A9.txt|café.txt"
      })
  void acceptsPathsInsideTheRoot(String raw, String expected) {
    assertThat(StaticPaths.relative(raw)).as("relative(%s)", raw).isEqualTo(expected);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "..",
        "../a",
        "a/../../b",
        "%2e%2e/a",
        "%2E%2E",
        ".%2e/a",
        "%252e%252e/a",
        "a\\b",
        "..%5cb",
        "/etc/passwd",
        "%2fetc/passwd",
        "a//b",
        "./a",
        "a/./b",
        "a%00b",
        "C:/windows",
        "%zz"
      })
  void refusesPathsThatCouldEscape(String raw) {
    assertThat(StaticPaths.relative(raw)).as("relative(%s)", raw).isNull();
  }
}
