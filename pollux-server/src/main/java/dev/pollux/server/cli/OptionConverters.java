package dev.pollux.server.cli;

import java.time.Duration;
import java.util.function.Function;
import picocli.CommandLine;

/**
 * The picocli converters of the options: each wraps one of our {@code parse} methods, whose {@link
 * IllegalArgumentException} message says what is accepted.
 */
final class OptionConverters {

  private OptionConverters() {}

  /**
   * A picocli converter over one of our {@code parse} methods: their {@link
   * IllegalArgumentException} message, which says what is accepted, becomes picocli's "Invalid
   * value for option '--x': ..." message.
   */
  abstract static class ParsingConverter<T> implements CommandLine.ITypeConverter<T> {
    private final Function<String, T> parse;

    ParsingConverter(Function<String, T> parse) {
      this.parse = parse;
    }

    @Override
    public T convert(String value) {
      try {
        return parse.apply(value);
      } catch (IllegalArgumentException e) {
        throw new CommandLine.TypeConversionException(e.getMessage());
      }
    }
  }

  /** Converts {@code --http-port}/{@code --tcp-port}. */
  static final class PortConverter extends ParsingConverter<ListenPort> {
    PortConverter() {
      super(ListenPort::parse);
    }
  }

  /** Converts durations such as {@code 250ms}. */
  static final class DurationConverter extends ParsingConverter<Duration> {
    DurationConverter() {
      super(Durations::parse);
    }
  }

  /** Converts one {@code --allowed-origins} entry to {@link Origins#parse}'s form. */
  static final class OriginConverter extends ParsingConverter<String> {
    OriginConverter() {
      super(Origins::parse);
    }
  }

  /** The most event loops {@code --loops} takes. */
  static final int MAX_LOOPS = 256;

  /** Converts {@code --loops}. */
  static final class LoopsConverter extends ParsingConverter<Integer> {
    LoopsConverter() {
      super(text -> OptionValues.count(text, 1, MAX_LOOPS, "1-" + MAX_LOOPS));
    }
  }

  /** Converts {@code --max-connections}. */
  static final class MaxConnectionsConverter extends ParsingConverter<Integer> {
    MaxConnectionsConverter() {
      super(text -> OptionValues.count(text, 1, Integer.MAX_VALUE, "at least 1"));
    }
  }

  /** Converts {@code true} and {@code false}. */
  static final class BooleanConverter extends ParsingConverter<Boolean> {
    BooleanConverter() {
      super(OptionValues::bool);
    }
  }

  /** Converts {@code --io}. */
  static final class IoModelConverter extends ParsingConverter<IoModel> {
    IoModelConverter() {
      super(IoModel::parse);
    }
  }

  /** Converts {@code --log-level}. */
  static final class LogLevelConverter extends ParsingConverter<LogLevel> {
    LogLevelConverter() {
      super(LogLevel::parse);
    }
  }
}
