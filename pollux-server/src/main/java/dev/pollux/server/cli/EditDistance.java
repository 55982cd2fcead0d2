package dev.pollux.server.cli;

/**
 * The Levenshtein distance of two short strings, e.g. 1 from {@code htp-port} to {@code http-port}:
 * the fewest insertions, deletions and substitutions that turn one into the other. Used to suggest
 * the option a mistyped config key meant.
 */
final class EditDistance {

  /** Longer inputs are not compared: option names are short, a config line may not be. */
  static final int MAX_LENGTH = 64;

  private EditDistance() {}

  /** The distance, or {@link Integer#MAX_VALUE} when either string exceeds {@link #MAX_LENGTH}. */
  static int between(String a, String b) {
    if (a.length() > MAX_LENGTH || b.length() > MAX_LENGTH) {
      return Integer.MAX_VALUE;
    }
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
