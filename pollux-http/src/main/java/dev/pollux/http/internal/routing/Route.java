package dev.pollux.http.internal.routing;

import dev.pollux.http.Handler;
import dev.pollux.http.Method;
import dev.pollux.http.internal.codec.PercentDecoding;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * One path template of a router, like {@code /api/v1/sensors/{id}/history}, with a handler per
 * method. Matching walks the raw path segment by segment without splitting it; only parameter
 * values become strings.
 */
public final class Route {

  private final String template;
  private final String[] literals; // null where the segment is a parameter
  private final String[] names;
  private final boolean parameters;
  private final Map<Method, Handler> handlers = new EnumMap<>(Method.class);
  private final Map<Method, Long> maxBodyBytes = new EnumMap<>(Method.class);

  private Route(String template, String[] literals, String[] names, boolean parameters) {
    this.template = template;
    this.literals = literals;
    this.names = names;
    this.parameters = parameters;
  }

  /** Parses {@code template}; IllegalArgumentException when it is not {@code /segment/...}. */
  public static Route parse(String template) {
    if (!template.startsWith("/")) {
      throw new IllegalArgumentException("template must start with /: " + template);
    }
    List<String> segments = new ArrayList<>();
    int start = 1;
    while (start <= template.length()) {
      int end = template.indexOf('/', start);
      end = end < 0 ? template.length() : end;
      segments.add(template.substring(start, end));
      start = end + 1;
    }
    String[] literals = new String[segments.size()];
    String[] names = new String[segments.size()];
    boolean parameters = false;
    for (int i = 0; i < segments.size(); i++) {
      String s = segments.get(i);
      if (s.startsWith("{") && s.endsWith("}") && s.length() > 2) {
        names[i] = s.substring(1, s.length() - 1);
        parameters = true;
      } else if (s.indexOf('{') >= 0 || s.indexOf('}') >= 0) {
        throw new IllegalArgumentException("a parameter must be a whole segment: " + template);
      } else {
        literals[i] = s;
      }
    }
    return new Route(template, literals, names, parameters);
  }

  public String template() {
    return template;
  }

  public boolean hasParameters() {
    return parameters;
  }

  public void add(Method method, Handler handler) {
    add(method, Long.MAX_VALUE, handler);
  }

  /** Adds {@code handler} for {@code method}, taking bodies up to {@code maxBodyBytes}. */
  public void add(Method method, long maxBodyBytes, Handler handler) {
    if (maxBodyBytes < 0) {
      throw new IllegalArgumentException("maxBodyBytes < 0: " + maxBodyBytes);
    }
    if (handlers.putIfAbsent(method, handler) != null) {
      throw new IllegalArgumentException("route already defined: " + method + " " + template);
    }
    this.maxBodyBytes.put(method, maxBodyBytes);
  }

  /** The largest body {@code method} takes here; {@link Long#MAX_VALUE} when none is declared. */
  public long maxBodyBytes(Method method) {
    Long bytes = maxBodyBytes.get(method);
    return bytes == null ? Long.MAX_VALUE : bytes;
  }

  /** The handler for {@code method}; GET's for HEAD unless HEAD has its own. */
  public Handler handler(Method method) {
    Handler handler = handlers.get(method);
    if (handler == null && method == Method.HEAD) {
      handler = handlers.get(Method.GET);
    }
    return handler;
  }

  public void addAllowed(EnumSet<Method> allowed) {
    allowed.addAll(handlers.keySet());
    if (handlers.containsKey(Method.GET)) {
      allowed.add(Method.HEAD);
    }
  }

  /** {@code GET, HEAD, PUT} for the Allow header (RFC 9110 §10.2.1). */
  public static String allowHeader(EnumSet<Method> allowed) {
    StringJoiner joiner = new StringJoiner(", ");
    for (Method method : allowed) {
      joiner.add(method.name());
    }
    return joiner.toString();
  }

  /**
   * True when {@code rawPath} matches; then the parameters are set on {@code request} (unless it is
   * null: a look-up that only asks whether the route matches).
   */
  public boolean matches(String rawPath, PathParameters request) {
    int start = 1;
    int count = 0;
    int[] bounds = null;
    while (true) {
      int end = rawPath.indexOf('/', start);
      end = end < 0 ? rawPath.length() : end;
      if (count >= literals.length) {
        return false;
      }
      String literal = literals[count];
      if (literal != null) {
        if (end - start != literal.length() || !rawPath.startsWith(literal, start)) {
          return false;
        }
      } else {
        if (end == start) {
          return false; // a parameter is never empty
        }
        bounds = bounds == null ? new int[literals.length * 2] : bounds;
        bounds[count * 2] = start;
        bounds[count * 2 + 1] = end;
      }
      count++;
      if (end == rawPath.length()) {
        break;
      }
      start = end + 1;
    }
    if (count != literals.length) {
      return false;
    }
    for (int i = 0; i < names.length; i++) {
      if (names[i] != null && bounds != null && request != null) {
        request.pathParam(
            names[i], PercentDecoding.path(rawPath.substring(bounds[i * 2], bounds[i * 2 + 1])));
      }
    }
    return true;
  }
}
