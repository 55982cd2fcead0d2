package dev.pollux.server.tcp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Locale;

/**
 * Coverage-guided fuzzing of the TCP protocol's line parser with Jazzer: any line (as the codec
 * hands it over, at most {@link TcpSession#MAX_LINE_BYTES} bytes of UTF-8) gives a command, never
 * an exception, and a refusal is one short printable line starting {@code ERR }: nothing of the
 * peer's line can break the reply into several lines or smuggle control or format characters
 * (terminal escapes, bidi overrides) into it.
 */
class CommandParserFuzzTest {

  /** The longest refusal: the fixed text plus {@link CommandParser#MAX_ECHOED_WORD} characters. */
  private static final int MAX_REFUSAL_CHARS = 100;

  @FuzzTest(maxDuration = "15s")
  void anyLineGivesACommandOrAShortPrintableRefusal(FuzzedDataProvider data) {
    String input = data.consumeRemainingAsString();
    String line =
        input.length() > TcpSession.MAX_LINE_BYTES
            ? input.substring(0, TcpSession.MAX_LINE_BYTES)
            : input;
    Command command = CommandParser.parse(line);
    assertThat(command).as("parse(%s)", escape(line)).isNotNull();
    if (command instanceof Command.Invalid invalid) {
      String reply = invalid.reply();
      assertThat(reply).as("reply to %s", escape(line)).startsWith("ERR ");
      assertThat(reply.length())
          .as("length of the reply to %s", escape(line))
          .isLessThan(MAX_REFUSAL_CHARS);
      reply
          .codePoints()
          .forEach(
              c ->
                  assertThat(printable(c))
                      .as("U+%04X in the reply %s to %s", c, escape(reply), escape(line))
                      .isTrue());
    }
  }

  private static boolean printable(int c) {
    int type = Character.getType(c);
    return !Character.isISOControl(c)
        && type != Character.FORMAT
        && type != Character.LINE_SEPARATOR
        && type != Character.PARAGRAPH_SEPARATOR
        && type != Character.SURROGATE
        && type != Character.UNASSIGNED;
  }

  private static String escape(String s) {
    StringBuilder out = new StringBuilder();
    s.codePoints()
        .forEach(
            c ->
                out.append(
                    c < 0x20 || c >= 0x7f ? String.format(Locale.ROOT, "\\u%04X", c) : (char) c));
    return out.toString();
  }
}
