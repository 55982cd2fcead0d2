package dev.pollux.server.api;

import dev.pollux.device.Device;
import dev.pollux.device.History;
import dev.pollux.device.Reading;
import dev.pollux.device.Snapshot;
import dev.pollux.gpio.GpioChips;
import dev.pollux.http.Handler;
import dev.pollux.http.HttpStatus;
import dev.pollux.http.Request;
import dev.pollux.http.Response;
import dev.pollux.http.Router;
import dev.pollux.http.StaticFiles;
import dev.pollux.server.Auth;
import dev.pollux.server.ServerInfo;
import dev.pollux.server.Values;
import dev.pollux.server.cli.Durations;
import dev.pollux.server.metrics.Metrics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The HTTP API of design.md ("HTTP API"): the dashboard, {@code /temp}, the JSON resources under
 * {@code /api/v1}, server-sent events, actuator writes, {@code /metrics} and {@code /healthz}.
 *
 * <p>Every handler runs on an event loop and reads the sampler's latest snapshot without I/O; what
 * touches files (actuators, {@code /metrics}' reads of {@code /proc}, static files) runs on {@code
 * blocking} and answers from there.
 */
public final class HttpApi implements AutoCloseable {

  static final String JSON = "application/json";
  static final String TEXT = "text/plain; charset=utf-8";

  /** The dashboard may load only what the server itself serves (design.md: works offline). */
  static final String DASHBOARD_CSP =
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self';"
          + " connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

  /**
   * The largest body an actuator write takes: {@code {"value": <integer>}} needs a few dozen bytes;
   * a longer declared body gets {@code 413} before a byte of it is read.
   */
  static final long MAX_ACTUATOR_BODY_BYTES = 1024;

  private static final String UPLOT_WEBJAR = "META-INF/resources/webjars/uplot/1.6.30/dist/";

  private final Device device;
  private final ServerInfo info;
  private final Metrics metrics;
  private final Executor blocking;
  private final SensorEvents events;
  private final ActuatorWrites writes;
  private final WebSocketApi webSockets;
  private volatile GpioChips gpioChips = GpioChips.system();

  /**
   * The API of {@code device}; {@code allowedOrigins} ({@code --allowed-origins}, in {@link
   * dev.pollux.server.cli.Origins#parse}'s form) may open WebSockets besides the server's own.
   */
  public HttpApi(
      Device device,
      Auth auth,
      ServerInfo info,
      Metrics metrics,
      Executor blocking,
      List<String> allowedOrigins) {
    this.device = device;
    this.info = info;
    this.metrics = metrics;
    this.blocking = blocking;
    this.events = new SensorEvents(device);
    this.writes = new ActuatorWrites(device, auth, blocking);
    this.webSockets = new WebSocketApi(device, auth, blocking, allowedOrigins);
  }

  /**
   * The routes. ({@code X-Content-Type-Options: nosniff} is the HTTP server's default header, so
   * that every answer carries it, the router's and the parser's own included.)
   */
  public Handler router() {
    ClassLoader loader = HttpApi.class.getClassLoader();
    StaticFiles dashboard = StaticFiles.classpath(loader, "dashboard/").cacheControl("no-cache");
    return Router.create()
        .get("/", withCsp(dashboard))
        .get("/temp", this::temp)
        .get("/healthz", (request, response) -> response.contentType(TEXT).send("ok\n"))
        .get("/metrics", this::metrics)
        .get("/api/v1/device", this::device)
        .get("/api/v1/sensors", this::sensors)
        .get("/api/v1/sensors/{id}", this::sensor)
        .get("/api/v1/sensors/{id}/history", this::history)
        .get("/api/v1/events", this::events)
        .get("/api/v1/ws", webSockets::handle)
        .get("/api/v1/actuators", this::actuators)
        .get(
            "/api/v1/gpio",
            (request, response) -> new GpioRoute(gpioChips, blocking).handle(request, response))
        .put("/api/v1/actuators/{id}", MAX_ACTUATOR_BODY_BYTES, writes::handle)
        .mount(
            "/assets/uplot",
            StaticFiles.classpath(loader, UPLOT_WEBJAR)
                .cacheControl("public, max-age=31536000, immutable"))
        .mount("/assets", withCsp(dashboard));
  }

  private void temp(Request request, Response response) {
    Reading primary = device.snapshot().primaryTemperature();
    if (primary == null || !primary.ok()) {
      String reason = primary == null ? "no temperature sensor" : primary.reason();
      response.problem(
          HttpStatus.SERVICE_UNAVAILABLE, "the primary temperature has no fresh value: " + reason);
      return;
    }
    if (primary.simulated()) {
      // Scripts parse the body as a number: the mark goes beside it, not into it.
      response.header("X-Pollux-Simulated", "true");
    }
    response.contentType(TEXT).send(Values.format(primary.value()) + "\n");
  }

  private void device(Request request, Response response) {
    sendJson(response, JsonViews.device(info, device.snapshot()));
  }

  private void sensors(Request request, Response response) {
    sendJson(response, JsonViews.sensors(device.snapshot()));
  }

  private void sensor(Request request, Response response) {
    Snapshot snapshot = device.snapshot();
    Reading reading = snapshot.reading(request.pathParam("id"));
    if (reading == null) {
      response.problem(HttpStatus.NOT_FOUND, "no such sensor");
      return;
    }
    sendJson(response, JsonViews.reading(reading, snapshot.takenAtMillis()));
  }

  private void history(Request request, Response response) {
    String id = request.pathParam("id");
    Reading reading = device.snapshot().reading(id);
    if (reading == null) {
      response.problem(HttpStatus.NOT_FOUND, "no such sensor");
      return;
    }
    long since = 0;
    String sinceText = request.query("since");
    if (sinceText != null) {
      try {
        since = System.currentTimeMillis() - Durations.parse(sinceText).toMillis();
      } catch (IllegalArgumentException | ArithmeticException e) {
        // ArithmeticException: a window too long for milliseconds, e.g. 999999999d repeated.
        response.problem(
            HttpStatus.BAD_REQUEST, "since: expected a duration such as 10m, 1h or 30s");
        return;
      }
    }
    History history = device.history(id, since);
    if (history == null) {
      response.problem(HttpStatus.NOT_FOUND, "no such sensor");
      return;
    }
    sendJson(response, JsonViews.history(id, reading.sensor().unit().symbol(), history));
  }

  private void events(Request request, Response response) {
    String sensor = request.query("sensor");
    if (sensor != null && device.snapshot().reading(sensor) == null) {
      response.problem(HttpStatus.NOT_FOUND, "no such sensor");
      return;
    }
    events.subscribe(response.eventStream(), sensor);
  }

  private void actuators(Request request, Response response) {
    blocking.execute(() -> sendJson(response, JsonViews.actuators(device.actuators())));
  }

  private void metrics(Request request, Response response) {
    boolean openMetrics = Metrics.wantsOpenMetrics(request.header("Accept"));
    blocking.execute(
        () -> {
          ByteArrayOutputStream out = new ByteArrayOutputStream(16 * 1024);
          try {
            metrics.writeTo(out, openMetrics);
          } catch (IOException | RuntimeException e) {
            System.getLogger(HttpApi.class.getName())
                .log(System.Logger.Level.WARNING, "cannot write /metrics", e);
            response.problem(HttpStatus.INTERNAL_SERVER_ERROR, "metrics could not be written");
            return;
          }
          // The body depends on Accept, so caches must key on it (RFC 9110, section 12.5.5).
          response.header("Vary", "Accept");
          response
              .contentType(openMetrics ? Metrics.OPENMETRICS_CONTENT_TYPE : Metrics.CONTENT_TYPE)
              .send(out.toByteArray());
        });
  }

  /** The GPIO chips {@code GET /api/v1/gpio} lists (the system's unless set, e.g. a fake). */
  public void gpioChips(GpioChips chips) {
    this.gpioChips = Objects.requireNonNull(chips, "chips");
  }

  private static void sendJson(Response response, Object document) {
    response.contentType(JSON).send(JsonViews.toJson(document));
  }

  private static Handler withCsp(Handler handler) {
    return (request, response) -> {
      response.header("Content-Security-Policy", DASHBOARD_CSP);
      response.header("Referrer-Policy", "no-referrer");
      handler.handle(request, response);
    };
  }

  /** Ends every event stream and stops listening to the sampler. */
  @Override
  public void close() {
    events.close();
    webSockets.close();
  }
}
