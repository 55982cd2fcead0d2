package dev.pollux.server.api;

import dev.pollux.device.Device;
import dev.pollux.device.Reading;
import dev.pollux.device.Snapshot;
import dev.pollux.device.WriteResult;
import dev.pollux.http.HttpStatus;
import dev.pollux.http.Request;
import dev.pollux.http.Response;
import dev.pollux.http.WebSocket;
import dev.pollux.http.WebSocketListener;
import dev.pollux.server.Auth;
import dev.pollux.server.AuthThrottle;
import dev.pollux.server.Values;
import dev.pollux.server.cli.Origins;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * {@code GET /api/v1/ws}: a WebSocket that streams one text message per reading, the JSON of {@code
 * /api/v1/events} (all sensors, or {@code ?sensor=id}), and takes the TCP protocol's commands as
 * text messages: {@code get <id>}, {@code watch <id>|all}, {@code stop}, {@code auth <token>},
 * {@code set <actuator> <value>} (after {@code auth}). Each answer is one JSON message: {@code
 * {"ok":true,...}} or {@code {"error":"..."}} with fixed text (never the client's input).
 *
 * <p>Each reading's JSON is written once per sample, whatever the number of clients; each
 * WebSocket's bounded queue keeps a slow client to its latest messages. Actuator writes touch
 * files, so they run on {@code blocking} and answer from there.
 *
 * <p>A handshake whose {@code Origin} names another server than its {@code Host} gets {@code 403},
 * unless that origin is allowed ({@code --allowed-origins}): browsers do not apply the same-origin
 * policy to WebSockets, so without this check any page a person on the LAN opens could read the
 * device and guess tokens from their browser (RFC 6455 §10.2). Clients that are not browsers send
 * no {@code Origin} and are not concerned. Wrong tokens count against the client's address ({@link
 * AuthThrottle}); past the limit the WebSocket gets an error message and is closed with {@link
 * #THROTTLED_CLOSE_CODE}.
 */
final class WebSocketApi implements Consumer<Snapshot>, AutoCloseable {

  /** RFC 6455 §7.4.1: 1008, the endpoint received a message that violates its policy. */
  static final int THROTTLED_CLOSE_CODE = 1008;

  private final Device device;
  private final Auth auth;
  private final Executor blocking;
  private final Set<String> allowedOrigins; // in Origins.parse's form
  private final Set<Client> clients = ConcurrentHashMap.newKeySet();

  WebSocketApi(Device device, Auth auth, Executor blocking, List<String> allowedOrigins) {
    this.device = device;
    this.auth = auth;
    this.blocking = blocking;
    this.allowedOrigins = Set.copyOf(allowedOrigins);
    device.addListener(this);
  }

  /** On the loop: the handshake; {@code ?sensor=id} starts with that sensor only. */
  void handle(Request request, Response response) {
    if (!originAllowed(request.header("Origin"), request.header("Host"))) {
      response.problem(
          HttpStatus.FORBIDDEN,
          "cross-origin WebSocket handshakes are refused: the Origin is not this server"
              + " and not in --allowed-origins");
      return;
    }
    String sensor = request.query("sensor");
    if (sensor != null && device.snapshot().reading(sensor) == null) {
      response.problem(HttpStatus.NOT_FOUND, "no such sensor");
      return;
    }
    response.upgradeToWebSocket(
        new Client(sensor == null ? Client.ALL : sensor, request.remoteAddress().getAddress()));
  }

  /** No {@code Origin} (not a browser), the same server, or an allowed origin. */
  private boolean originAllowed(String origin, String host) {
    if (origin == null || Origins.sameServer(origin, host)) {
      return true;
    }
    String normal = allowedOrigins.isEmpty() ? null : Origins.normalise(origin);
    return normal != null && allowedOrigins.contains(normal);
  }

  /** A new sample, on the sampler's thread. */
  @Override
  public void accept(Snapshot snapshot) {
    if (clients.isEmpty()) {
      return;
    }
    for (Reading reading : snapshot.readings()) {
      String json = null;
      for (Client client : clients) {
        if (client.wants(reading.id())) {
          if (json == null) {
            json = JsonViews.toJson(JsonViews.reading(reading, snapshot.takenAtMillis()));
          }
          client.socket.sendText(json);
        }
      }
    }
  }

  /** Open WebSockets, for tests. */
  int clients() {
    return clients.size();
  }

  /** Stops listening and closes every WebSocket with 1001. */
  @Override
  public void close() {
    device.removeListener(this);
    for (Client client : clients) {
      client.socket.close(1001, "server shutting down");
    }
  }

  /** One client: what it watches and whether it has authenticated. */
  private final class Client implements WebSocketListener {
    static final String ALL = "*";

    private final InetAddress peer;
    private volatile String watching; // a sensor id, ALL, or null after stop
    private boolean authenticated; // loop thread only
    private WebSocket socket;

    Client(String watching, InetAddress peer) {
      this.watching = watching;
      this.peer = peer;
    }

    boolean wants(String id) {
      String w = watching;
      return w != null && (w.equals(ALL) || w.equals(id));
    }

    @Override
    public void onOpen(WebSocket socket) {
      this.socket = socket;
      clients.add(this);
    }

    @Override
    public void onClose(WebSocket socket, int code, String reason) {
      clients.remove(this);
    }

    @Override
    public void onText(WebSocket socket, String text) {
      String[] words = words(text);
      String command = words[0].toLowerCase(Locale.ROOT);
      switch (command) {
        case "get" -> get(words);
        case "watch" -> watch(words);
        case "stop" -> {
          watching = null;
          ok(Map.of());
        }
        case "auth" -> authenticate(words);
        case "set" -> set(words);
        default -> error("unknown command");
      }
    }

    private void get(String[] words) {
      Snapshot snapshot = device.snapshot();
      Reading reading = words.length == 2 ? snapshot.reading(words[1]) : null;
      if (reading == null) {
        error(words.length == 2 ? "no such sensor" : "usage: get <id>");
        return;
      }
      ok(Map.of("reading", JsonViews.reading(reading, snapshot.takenAtMillis())));
    }

    private void watch(String[] words) {
      if (words.length != 2) {
        error("usage: watch <id>|all");
      } else if (words[1].equalsIgnoreCase("all")) {
        watching = ALL;
        ok(Map.of("watch", "all"));
      } else if (device.snapshot().reading(words[1]) == null) {
        error("no such sensor");
      } else {
        watching = words[1];
        ok(Map.of("watch", words[1]));
      }
    }

    private void authenticate(String[] words) {
      if (!auth.enabled()) {
        error("writes are disabled: no token configured");
        return;
      }
      String candidate = words.length == 2 ? words[1] : "";
      switch (auth.attempt(candidate, peer, AuthThrottle.Protocol.WEBSOCKET)) {
        case Auth.Attempt.Accepted accepted -> {
          authenticated = true;
          ok(Map.of());
        }
        case Auth.Attempt.Rejected rejected -> error("bad token");
        case Auth.Attempt.Throttled throttled -> {
          error("too many attempts");
          socket.close(THROTTLED_CLOSE_CODE, "too many attempts");
        }
      }
    }

    private void set(String[] words) {
      if (!authenticated) {
        error("not authenticated: send auth <token> first");
        return;
      }
      Integer value = words.length == 3 ? Values.parseInteger(words[2]) : null;
      if (value == null) {
        error("usage: set <actuator> <integer>");
        return;
      }
      String id = words[1];
      WebSocket answerTo = socket;
      blocking.execute(() -> answerTo.sendText(written(device.write(id, value))));
    }

    private void ok(Map<String, Object> fields) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("ok", true);
      json.putAll(fields);
      socket.sendText(JsonViews.toJson(json));
    }

    private void error(String message) {
      socket.sendText(errorJson(message));
    }
  }

  private static String written(WriteResult result) {
    return switch (result) {
      case WriteResult.Written written -> {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("ok", true);
        json.put("actuator", JsonViews.actuator(written.actuator()));
        yield JsonViews.toJson(json);
      }
      case WriteResult.Unknown unknown -> errorJson("no such actuator");
      case WriteResult.OutOfRange range ->
          errorJson(
              "value out of range: expected "
                  + range.actuator().min()
                  + " to "
                  + range.actuator().max());
      case WriteResult.Unsupported unsupported -> errorJson(unsupported.reason());
      case WriteResult.Denied denied -> errorJson("the server may not write this actuator");
      case WriteResult.Failed failed -> errorJson("the actuator could not be written");
    };
  }

  private static String errorJson(String message) {
    return JsonViews.toJson(Map.of("error", message));
  }

  /** The words of a command, split at runs of spaces and tabs; at least one (maybe empty). */
  private static String[] words(String text) {
    List<String> words = new ArrayList<>(3);
    int i = 0;
    while (i < text.length()) {
      while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      int start = i;
      while (i < text.length() && !Character.isWhitespace(text.charAt(i))) {
        i++;
      }
      if (i > start) {
        words.add(text.substring(start, i));
      }
    }
    return words.isEmpty() ? new String[] {""} : words.toArray(String[]::new);
  }
}
