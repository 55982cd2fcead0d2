package dev.pollux.server.logging;

/**
 * A peer's text made safe to echo in a reply or a log line, e.g. {@code a\u202Eb} becomes {@code
 * a?b}: control characters (C0 and C1: a terminal takes U+009B as an escape), format characters
 * (bidi overrides that reorder the rest of the line), line and paragraph separators, surrogates,
 * unassigned and private-use code points and quotes are replaced by {@code ?}, and the text is cut
 * to a maximum with {@code ...}, so that it stays one short printable line. The TCP protocol's
 * replies and the MQTT bridge's log lines use this one definition.
 */
public final class PrintableSample {

  private PrintableSample() {}

  /** {@code text} made printable and cut to {@code maxChars} characters (plus {@code ...}). */
  public static String of(String text, int maxChars) {
    int length = Math.min(text.length(), maxChars);
    StringBuilder safe = new StringBuilder(length + 3);
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      safe.append(printable(c) && c != '\'' && c != '"' ? c : '?');
    }
    if (text.length() > maxChars) {
      safe.append("...");
    }
    return safe.toString();
  }

  private static boolean printable(char c) {
    return switch (Character.getType(c)) {
      case Character.CONTROL,
          Character.FORMAT,
          Character.LINE_SEPARATOR,
          Character.PARAGRAPH_SEPARATOR,
          Character.SURROGATE,
          Character.UNASSIGNED,
          Character.PRIVATE_USE ->
          false;
      default -> true;
    };
  }
}
