package dev.pollux.server.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Regression for a finding of {@link CommandParserFuzzTest}: {@code ERR unknown command '<word>'}
 * echoed C1 controls, format characters (bidi overrides), separators and noncharacters of the
 * peer's word; only C0 controls, DEL and quotes were replaced.
 */
class UnknownCommandEchoTest {

  @ParameterizedTest(name = "{1}")
  @CsvSource({
    "'\uFFFE', noncharacter U+FFFE (the fuzzer's input)",
    "'a\u009B31mb', C1 control CSI U+009B",
    "'a\u0085b', next line U+0085",
    "'a\u202Eb', right-to-left override U+202E",
    "'a\u2028b', line separator U+2028",
    "'a\uE000b', private use U+E000",
    "'a\uD800b', lone surrogate U+D800",
  })
  void unknownCommandRepliesReplaceUnprintableCharacters(String word, String what) {
    Command command = CommandParser.parse(word);
    assertThat(command)
        .as("parse of a word with %s", what)
        .isEqualTo(
            new Command.Invalid("ERR unknown command '" + word.replaceAll("[^a-z0-9]", "?") + "'"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"héllo", "température", "日本"})
  void unknownCommandRepliesKeepPrintableLetters(String word) {
    assertThat(CommandParser.parse(word))
        .as("parse of %s", word)
        .isEqualTo(new Command.Invalid("ERR unknown command '" + word + "'"));
  }
}
