package dev.pollux.http;

/**
 * A request method this server knows (RFC 9110 §9); any other token gets {@code 501 Not
 * Implemented} from the parser before a handler sees it.
 */
public enum Method {
  GET,
  HEAD,
  POST,
  PUT,
  DELETE,
  PATCH,
  OPTIONS,
  TRACE,
  CONNECT;

  private static final Method[] VALUES = values();

  /**
   * The method whose name is exactly {@code bytes[start, end)} (methods are case-sensitive), or
   * {@code null}; allocates nothing.
   */
  public static Method of(byte[] bytes, int start, int end) {
    int length = end - start;
    for (Method method : VALUES) {
      String name = method.name();
      if (name.length() == length && equal(name, bytes, start)) {
        return method;
      }
    }
    return null;
  }

  private static boolean equal(String name, byte[] bytes, int start) {
    for (int i = 0; i < name.length(); i++) {
      if (name.charAt(i) != bytes[start + i]) {
        return false;
      }
    }
    return true;
  }
}
