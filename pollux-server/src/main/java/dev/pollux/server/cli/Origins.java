package dev.pollux.server.cli;

import java.util.Locale;

/**
 * Web origins as browsers send them in {@code Origin} (RFC 6454 §6.2), e.g. {@code
 * https://dashboard.example:8443}, compared in one form: lower case, the port always written
 * ({@code http://Pi.local} is {@code http://pi.local:80}). Used by {@code --allowed-origins} and by
 * the WebSocket handshake's check of {@code Origin} against {@code Host}.
 */
public final class Origins {

  private static final String ACCEPTED =
      "expected scheme://host[:port], e.g. https://dashboard.example:8443";

  private Origins() {}

  /**
   * The compared form of {@code origin}, e.g. {@code https://pi.local:443}.
   *
   * @throws IllegalArgumentException when it is not one serialised origin (a path, a user, the
   *     opaque {@code null}, a port out of range)
   */
  public static String parse(String origin) {
    String normal = normalise(origin);
    if (normal == null) {
      throw new IllegalArgumentException("'" + origin + "' is not an origin: " + ACCEPTED);
    }
    return normal;
  }

  /** {@link #parse}, or null when {@code origin} is not one. */
  public static String normalise(String origin) {
    int schemeEnd = origin.indexOf("://");
    if (schemeEnd <= 0) {
      return null;
    }
    String scheme = origin.substring(0, schemeEnd).toLowerCase(Locale.ROOT);
    for (int i = 0; i < scheme.length(); i++) {
      char c = scheme.charAt(i);
      if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.')) {
        return null;
      }
    }
    Authority authority = Authority.parse(origin.substring(schemeEnd + 3));
    if (authority == null) {
      return null;
    }
    int port = authority.port() >= 0 ? authority.port() : defaultPort(scheme);
    return port < 0 ? null : scheme + "://" + authority.host() + ":" + port;
  }

  /**
   * Whether {@code origin} names the server that {@code host} (the request's {@code Host}) names:
   * the same host and port, scheme aside, since the same listener is reached with either. A {@code
   * Host} without a port stands for the default port of the origin's scheme (a browser leaves it
   * out exactly then). Null or unparseable on either side: false.
   */
  public static boolean sameServer(String origin, String host) {
    if (origin == null || host == null) {
      return false;
    }
    String normal = normalise(origin);
    Authority target = Authority.parse(host);
    if (normal == null || target == null) {
      return false;
    }
    String scheme = normal.substring(0, normal.indexOf("://"));
    int port = target.port() >= 0 ? target.port() : defaultPort(scheme);
    return normal.equals(scheme + "://" + target.host() + ":" + port);
  }

  private static int defaultPort(String scheme) {
    return switch (scheme) {
      case "http", "ws" -> 80;
      case "https", "wss" -> 443;
      default -> -1;
    };
  }

  /** {@code host[:port]} or {@code [v6]:port}, the host in lower case; port -1 when absent. */
  private record Authority(String host, int port) {

    static Authority parse(String text) {
      int portStart;
      String host;
      if (text.startsWith("[")) {
        int close = text.indexOf(']');
        if (close < 0) {
          return null;
        }
        host = text.substring(0, close + 1);
        portStart = close + 1;
      } else {
        int colon = text.indexOf(':');
        portStart = colon < 0 ? text.length() : colon;
        host = text.substring(0, portStart);
      }
      if (host.isEmpty() || !hostCharacters(host)) {
        return null;
      }
      if (portStart == text.length()) {
        return new Authority(host.toLowerCase(Locale.ROOT), -1);
      }
      int port = port(text, portStart);
      return port < 0 ? null : new Authority(host.toLowerCase(Locale.ROOT), port);
    }

    /** The port after {@code text[colon]}, ASCII digits only, 0..65535; -1 when it is not one. */
    private static int port(String text, int colon) {
      if (text.charAt(colon) != ':' || colon + 1 == text.length() || text.length() - colon > 6) {
        return -1;
      }
      int port = 0;
      for (int i = colon + 1; i < text.length(); i++) {
        char c = text.charAt(i);
        if (c < '0' || c > '9') {
          return -1;
        }
        port = port * 10 + (c - '0');
      }
      return port <= 65535 ? port : -1;
    }

    /** Letters, digits and {@code -._~%!$&'()*+,;=} of RFC 3986's reg-name, or an IP literal. */
    private static boolean hostCharacters(String host) {
      for (int i = 0; i < host.length(); i++) {
        char c = host.charAt(i);
        boolean ok =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "-._~%!$&'()*+,;=[]:".indexOf(c) >= 0;
        if (!ok) {
          return false;
        }
      }
      return true;
    }
  }
}
