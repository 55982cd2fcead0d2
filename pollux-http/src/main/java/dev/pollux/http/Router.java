package dev.pollux.http;

import dev.pollux.http.internal.connection.HttpRequest;
import dev.pollux.http.internal.routing.Route;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A {@link Handler} that picks another by method and path template, like {@code GET
 * /api/v1/sensors/{id}}: {@code {id}} matches one path segment and is read with {@link
 * Request#pathParam}. Paths without parameters are found with one hash lookup. A path that matches
 * with another method gets {@code 405} with {@code Allow}; no match gets {@code 404}; both as
 * {@code application/problem+json}. {@code HEAD} is answered wherever {@code GET} is routed.
 *
 * <p>Routes are added before the server starts; matching is then read-only and thread-safe.
 */
public final class Router implements Handler {

  private final Map<String, Route> exact = new HashMap<>();
  private final List<Route> templates = new ArrayList<>();
  private final List<Mount> mounts = new ArrayList<>();

  private record Mount(String prefix, Handler handler) {}

  private Router() {}

  /** An empty router. */
  public static Router create() {
    return new Router();
  }

  /** Routes {@code GET} (and so {@code HEAD}) of {@code template} to {@code handler}. */
  public Router get(String template, Handler handler) {
    return route(Method.GET, template, handler);
  }

  /** Routes {@code POST}. */
  public Router post(String template, Handler handler) {
    return route(Method.POST, template, handler);
  }

  /** Routes {@code PUT}. */
  public Router put(String template, Handler handler) {
    return route(Method.PUT, template, handler);
  }

  /**
   * Routes {@code PUT}, taking bodies up to {@code maxBodyBytes}: a request declaring a longer one
   * gets {@code 413} before its body is read (see {@link Handler#maxBodyBytes}).
   */
  public Router put(String template, long maxBodyBytes, Handler handler) {
    return route(Method.PUT, template, maxBodyBytes, handler);
  }

  /** Routes {@code POST}, taking bodies up to {@code maxBodyBytes}. */
  public Router post(String template, long maxBodyBytes, Handler handler) {
    return route(Method.POST, template, maxBodyBytes, handler);
  }

  /** Routes {@code DELETE}. */
  public Router delete(String template, Handler handler) {
    return route(Method.DELETE, template, handler);
  }

  /**
   * Routes {@code method} of {@code template} (starting with {@code /}; segments {@code {name}} are
   * parameters) to {@code handler}.
   */
  public Router route(Method method, String template, Handler handler) {
    return route(method, template, Long.MAX_VALUE, handler);
  }

  /**
   * Routes {@code method} of {@code template} to {@code handler}, which takes request bodies up to
   * {@code maxBodyBytes} (the server's own limit applies as well).
   */
  public Router route(Method method, String template, long maxBodyBytes, Handler handler) {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(handler, "handler");
    Route route = Route.parse(template);
    Route existing = route.hasParameters() ? findTemplate(template) : exact.get(template);
    if (existing == null) {
      existing = route;
      if (route.hasParameters()) {
        templates.add(route);
      } else {
        exact.put(template, route);
      }
    }
    existing.add(method, maxBodyBytes, handler);
    return this;
  }

  /**
   * Hands every request under {@code prefix} (e.g. {@code /static}) to {@code handler}, whatever
   * its method, with {@code pathParam("*")} the rest of the path after {@code prefix/}, still
   * percent-encoded (e.g. {@code css/app.css}). Routes win over mounts; the longest prefix wins.
   */
  public Router mount(String prefix, Handler handler) {
    if (!prefix.startsWith("/")) {
      throw new IllegalArgumentException("mount prefix must start with /: " + prefix);
    }
    String clean = prefix.endsWith("/") ? prefix.substring(0, prefix.length() - 1) : prefix;
    mounts.add(new Mount(clean, Objects.requireNonNull(handler, "handler")));
    mounts.sort((a, b) -> b.prefix.length() - a.prefix.length());
    return this;
  }

  @Override
  public void handle(Request request, Response response) throws Exception {
    HttpRequest http = (HttpRequest) request;
    String path = request.rawPath();
    Method method = request.method();
    EnumSet<Method> allowed = null;
    Route route = exact.get(path);
    if (route != null) {
      Handler handler = route.handler(method);
      if (handler != null) {
        handler.handle(request, response);
        return;
      }
      allowed = EnumSet.noneOf(Method.class);
      route.addAllowed(allowed);
    }
    for (Route template : templates) {
      if (template.matches(path, http)) {
        Handler handler = template.handler(method);
        if (handler != null) {
          handler.handle(request, response);
          return;
        }
        allowed = allowed == null ? EnumSet.noneOf(Method.class) : allowed;
        template.addAllowed(allowed);
      }
    }
    if (allowed != null) {
      response.header("Allow", Route.allowHeader(allowed));
      response.problem(HttpStatus.METHOD_NOT_ALLOWED, "method not allowed for this resource");
      return;
    }
    for (Mount mount : mounts) {
      String rest = remainder(path, mount.prefix);
      if (rest != null) {
        http.pathParam("*", rest);
        mount.handler.handle(request, response);
        return;
      }
    }
    response.problem(HttpStatus.NOT_FOUND, "no resource at this path");
  }

  /** The body limit of the route that {@code request}'s method and path select, if it has one. */
  @Override
  public long maxBodyBytes(Request request) {
    String path = request.rawPath();
    Method method = request.method();
    Route route = exact.get(path);
    if (route != null && route.handler(method) != null) {
      return route.maxBodyBytes(method);
    }
    for (Route template : templates) {
      if (template.handler(method) != null && template.matches(path, null)) {
        return template.maxBodyBytes(method);
      }
    }
    return Long.MAX_VALUE;
  }

  private static String remainder(String path, String prefix) {
    if (prefix.isEmpty()) {
      return path.substring(1);
    }
    if (!path.startsWith(prefix)) {
      return null;
    }
    if (path.length() == prefix.length()) {
      return "";
    }
    return path.charAt(prefix.length()) == '/' ? path.substring(prefix.length() + 1) : null;
  }

  private Route findTemplate(String template) {
    for (Route route : templates) {
      if (route.template().equals(template)) {
        return route;
      }
    }
    return null;
  }
}
