package dev.pollux.http.internal.routing;

/**
 * Where a matching {@link Route} puts the values of its parameters: the request being routed. The
 * template {@code /api/v1/sensors/{id}} matching {@code /api/v1/sensors/cpu%2D1} calls {@code
 * pathParam("id", "cpu-1")}.
 */
public interface PathParameters {

  /** Records the percent-decoded {@code value} of the parameter {@code name}. */
  void pathParam(String name, String value);
}
