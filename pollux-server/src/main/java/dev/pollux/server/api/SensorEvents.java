package dev.pollux.server.api;

import dev.pollux.device.Device;
import dev.pollux.device.Reading;
import dev.pollux.device.Snapshot;
import dev.pollux.http.EventStream;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * {@code GET /api/v1/events}: one server-sent event {@code reading} per sensor and sample, to every
 * open stream (or to those that asked for one {@code sensor}). Each reading's JSON is written once
 * per sample, whatever the number of clients; each stream's own bounded queue keeps a slow client
 * from holding more than its latest events.
 */
final class SensorEvents implements Consumer<Snapshot>, AutoCloseable {

  static final String EVENT = "reading";

  private final Device device;
  private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

  /** One client's stream, and the sensor it wants (null: all). */
  private record Subscriber(EventStream stream, String sensor) {}

  SensorEvents(Device device) {
    this.device = device;
    device.addListener(this);
  }

  /** Adds a stream; it leaves by itself when it closes. */
  void subscribe(EventStream stream, String sensor) {
    Subscriber subscriber = new Subscriber(stream, sensor);
    subscribers.add(subscriber);
    stream.onClose(() -> subscribers.remove(subscriber));
  }

  /** Open streams, for tests and metrics. */
  int subscribers() {
    return subscribers.size();
  }

  /** A new sample, on the sampler's thread. */
  @Override
  public void accept(Snapshot snapshot) {
    if (subscribers.isEmpty()) {
      return;
    }
    for (Reading reading : snapshot.readings()) {
      String json = null;
      for (Subscriber subscriber : subscribers) {
        if (subscriber.sensor == null || subscriber.sensor.equals(reading.id())) {
          if (json == null) {
            json = JsonViews.toJson(JsonViews.reading(reading, snapshot.takenAtMillis()));
          }
          subscriber.stream.send(EVENT, json);
        }
      }
    }
  }

  /** Stops listening and ends every stream. */
  @Override
  public void close() {
    device.removeListener(this);
    for (Subscriber subscriber : subscribers) {
      subscriber.stream.close();
    }
  }
}
