package dev.pollux.server.tcp;

import dev.pollux.device.Reading;
import dev.pollux.device.Snapshot;
import dev.pollux.device.WriteResult;
import dev.pollux.loop.Connection;
import dev.pollux.loop.ConnectionHandler;
import dev.pollux.loop.EventLoop;
import dev.pollux.loop.LineCodec;
import dev.pollux.server.Auth;
import dev.pollux.server.AuthThrottle;
import dev.pollux.server.Values;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.function.Supplier;

/**
 * One client of the TCP protocol: reads lines, answers each in order, and streams a {@code watch}.
 * Runs on its connection's loop thread.
 *
 * <p>Only {@code set} blocks (it writes a sysfs file): it runs on the blocking executor while
 * reading is suspended and the lines already read wait in {@link #pending}, so that replies keep
 * the order of the commands. The same holds while the client does not read its replies (the
 * connection is above its high watermark): a client that pipelines thousands of {@code list}
 * commands without reading makes the server hold one read's worth of lines, not their replies.
 */
final class TcpSession implements ConnectionHandler, LineCodec.Listener {

  /** design.md: lines longer than this get {@code ERR line too long} and a close. */
  static final int MAX_LINE_BYTES = 4096;

  /**
   * Lines that may wait behind a blocking command or a client that does not read its replies.
   * Reading is suspended meanwhile, so they come from one read of at most the loop's read buffer.
   */
  static final int MAX_PENDING_LINES = 4096;

  private final TcpContext context;
  private final Connection connection;
  private final LineCodec codec = new LineCodec(MAX_LINE_BYTES, this);
  private final ArrayDeque<String> pending = new ArrayDeque<>();

  private Watch watch;
  private boolean authorized;
  private boolean blocked;
  private boolean inputClosed;

  TcpSession(TcpContext context, Connection connection) {
    this.context = context;
    this.connection = connection;
  }

  EventLoop loop() {
    return connection.loop();
  }

  @Override
  public void onOpen(Connection connection) {
    send(Replies.banner(context.info(), context.device().snapshot()));
  }

  @Override
  public void onData(Connection connection, ByteBuffer data) {
    codec.decode(data);
  }

  @Override
  public void onLine(String line) {
    if (!connection.isOpen()) {
      return;
    }
    if (blocked || !pending.isEmpty() || !connection.isWritable()) {
      // A reply is being made off the loop, or the client is not reading its replies: keep the
      // order and stop taking more until they are out.
      if (pending.size() >= MAX_PENDING_LINES) {
        send("ERR too many commands waiting");
        connection.close();
        return;
      }
      pending.add(line);
      connection.suspendReading();
      return;
    }
    execute(CommandParser.parse(line));
  }

  @Override
  public void onLineTooLong() {
    send("ERR line too long");
    connection.close();
  }

  @Override
  public void onInputClosed(Connection connection) {
    inputClosed = true;
    if (!blocked && pending.isEmpty()) {
      connection.close();
    }
  }

  @Override
  public void onWritable(Connection connection) {
    runPending();
  }

  @Override
  public void onClosed(Connection connection, Throwable cause) {
    if (watch != null) {
      context.watches().remove(this);
      watch = null;
    }
  }

  /** A new sample, from {@link WatchHub} on this loop. */
  void onSnapshot(Snapshot snapshot) {
    if (watch == null || !connection.isOpen()) {
      return;
    }
    // A line per sensor when the period is due, and between periods a line per edge of a boolean
    // sensor (a GPIO input's edge publishes a sample of its own at once).
    boolean due = watch.due(snapshot.takenAtMillis());
    StringBuilder lines = new StringBuilder(64);
    int count = 0;
    if (watch.all()) {
      for (Reading reading : snapshot.readings()) {
        count += appendIf(lines, due, reading, snapshot.takenAtMillis());
      }
    } else {
      Reading reading = snapshot.reading(watch.target());
      if (reading == null) {
        return; // the sensor went away; it may come back
      }
      count += appendIf(lines, due, reading, snapshot.takenAtMillis());
    }
    if (count == 0) {
      return;
    }
    if (!connection.isWritable()) {
      // The client does not read fast enough: it loses this sample rather than grow our memory.
      context.watchLinesDropped().add(count);
      return;
    }
    write(lines);
  }

  private int appendIf(StringBuilder lines, boolean due, Reading reading, long takenAtMillis) {
    if (!due && !watch.isEdge(reading)) {
      return 0;
    }
    watch.sent(reading);
    Replies.appendWatchLine(lines, reading, takenAtMillis);
    return 1;
  }

  private void execute(Command command) {
    Snapshot snapshot = context.device().snapshot();
    switch (command) {
      case Command.Temp t -> send(Replies.temperature(snapshot));
      case Command.ListAll l -> list(snapshot);
      case Command.Get get -> {
        Reading reading = snapshot.reading(get.id());
        send(reading == null ? Replies.UNKNOWN_SENSOR : Replies.value(reading));
      }
      case Command.Watch w -> watch(w, snapshot);
      case Command.Stop s -> {
        stopWatching();
        send(Replies.OK);
      }
      case Command.DeviceInfo i -> send(Replies.info(context.info(), snapshot));
      case Command.Auth auth -> authenticate(auth.token());
      case Command.SetActuator set -> set(set);
      case Command.SetTrigger trigger -> setTrigger(trigger);
      case Command.Help h -> sendRaw(Replies.HELP);
      case Command.Quit q -> {
        send("BYE");
        connection.close();
      }
      case Command.Invalid invalid -> send(invalid.reply());
    }
  }

  private void list(Snapshot snapshot) {
    StringBuilder lines = new StringBuilder(64 * (snapshot.readings().size() + 1));
    for (Reading reading : snapshot.readings()) {
      Replies.appendListLine(lines, reading);
    }
    write(lines.append(Replies.END).append('\n'));
  }

  private void watch(Command.Watch command, Snapshot snapshot) {
    boolean all = command.all();
    if (!all && snapshot.reading(command.target()) == null) {
      send(Replies.UNKNOWN_SENSOR);
      return;
    }
    long intervalMillis = context.samplingInterval().toMillis();
    long everyMillis = command.every() == null ? intervalMillis : command.every().toMillis();
    stopWatching();
    watch = new Watch(command.target(), all, everyMillis, intervalMillis / 2);
    context.watches().add(this);
    onSnapshot(snapshot); // "from now on" starts with the values of now
  }

  private void stopWatching() {
    if (watch != null) {
      context.watches().remove(this);
      watch = null;
    }
  }

  /**
   * Wrong tokens count against the client's address ({@link AuthThrottle}), whatever the
   * connection: past the limit, {@code ERR too many attempts} and a close, until its window ends.
   */
  private void authenticate(String token) {
    switch (context
        .auth()
        .attempt(token, connection.remoteAddress().getAddress(), AuthThrottle.Protocol.TCP)) {
      case Auth.Attempt.Accepted accepted -> {
        authorized = true;
        send(Replies.OK);
      }
      case Auth.Attempt.Rejected rejected -> send("ERR bad token");
      case Auth.Attempt.Throttled throttled -> {
        send("ERR too many attempts");
        connection.close();
      }
    }
  }

  private void set(Command.SetActuator command) {
    if (!mayWrite()) {
      return;
    }
    Integer value = Values.parseInteger(command.value());
    if (value == null) {
      send("ERR bad value: expected an integer");
      return;
    }
    writeBlocking(() -> context.device().write(command.actuator(), value));
  }

  private void setTrigger(Command.SetTrigger command) {
    if (mayWrite()) {
      writeBlocking(() -> context.device().setTrigger(command.actuator(), command.trigger()));
    }
  }

  /** True when writes are enabled and this client is authorized; else answers why not. */
  private boolean mayWrite() {
    if (!context.auth().enabled()) {
      send("ERR writes are disabled: no token is configured");
      return false;
    }
    if (!authorized) {
      send("ERR not authorized: auth <token> first");
      return false;
    }
    return true;
  }

  /** Runs {@code write} on the blocking executor, holding back further lines until it answers. */
  private void writeBlocking(Supplier<WriteResult> write) {
    blocked = true;
    connection.suspendReading();
    context
        .blocking()
        .execute(
            () -> {
              WriteResult result = write.get();
              connection.loop().execute(() -> finishSet(result));
            });
  }

  private void finishSet(WriteResult result) {
    send(
        switch (result) {
          case WriteResult.Written w -> Replies.OK;
          case WriteResult.Unknown u -> "ERR unknown actuator";
          case WriteResult.OutOfRange r ->
              "ERR out of range: " + r.actuator().min() + " to " + r.actuator().max();
          case WriteResult.Unsupported u -> "ERR " + u.reason();
          case WriteResult.Denied d -> "ERR permission denied";
          case WriteResult.Failed f -> "ERR write failed: " + f.reason();
        });
    blocked = false;
    runPending();
  }

  /** Answers the lines that waited, while the client takes the replies; then reads again. */
  private void runPending() {
    while (!blocked && !pending.isEmpty() && connection.isOpen() && connection.isWritable()) {
      execute(CommandParser.parse(pending.poll()));
    }
    if (blocked || !pending.isEmpty() || !connection.isOpen()) {
      return; // the next finishSet or onWritable goes on
    }
    if (inputClosed) {
      connection.close();
    } else {
      connection.resumeReading();
    }
  }

  private void send(String line) {
    write(line + '\n');
  }

  private void sendRaw(String text) {
    connection.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
  }

  private void write(CharSequence text) {
    connection.write(ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)));
  }
}
