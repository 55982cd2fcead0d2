package dev.pollux.server;

import dev.pollux.loop.FatalErrorPolicy;
import dev.pollux.loop.HostPort;
import dev.pollux.loop.Transports;
import dev.pollux.server.cli.PolluxCommand;
import dev.pollux.server.cli.ServerConfig;
import dev.pollux.server.cli.StartupFailure;
import dev.pollux.server.logging.LogSetup;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * The {@code pollux} command: parses the options, starts the server, prints one line per listener,
 * and on SIGTERM or SIGINT shuts down gracefully and exits 0. Bad usage exits 2, a failure to start
 * (a port in use) exits 1, each with a message naming the option or port. An {@link Error} on an
 * event loop (an {@link OutOfMemoryError}) is logged and halts the process with status 1.
 */
public final class Main {

  private static final System.Logger LOG = System.getLogger(Main.class.getName());

  private Main() {}

  @SuppressForbidden // the command line is the one place that prints to the terminal
  public static void main(String[] args) {
    // The epoll bindings are linked while the options are parsed (docs/footprint.md).
    Transports.probeProvidersInBackground();
    int status = run(List.of(args), System.getenv(), System.out, System.err);
    System.exit(status);
  }

  /** Runs the command to its end and returns the exit status. */
  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    ServerConfig config;
    try {
      // Inside the try: reading the --config file can already fail with a usage error.
      CommandLine commandLine = PolluxCommand.commandLine(args, env);
      commandLine.parseArgs(args.toArray(String[]::new));
      if (commandLine.isUsageHelpRequested()) {
        commandLine.usage(out);
        return 0;
      }
      if (commandLine.isVersionHelpRequested()) {
        commandLine.printVersionHelp(out);
        return 0;
      }
      config = commandLine.<PolluxCommand>getCommand().toConfig(commandLine);
    } catch (ParameterException e) {
      err.println("pollux: " + e.getMessage() + PolluxCommand.origin(e, args));
      err.println("pollux: see 'pollux --help' for the options and what they accept");
      return StartupFailure.USAGE;
    }
    LogSetup.configure(config.logLevel());
    PolluxServer server;
    try {
      // An Error on a loop (OutOfMemoryError...) leaves a process that serves nothing: end it
      // with status 1, so that systemd restarts it.
      server = PolluxServer.start(config, FatalErrorPolicy.haltProcess(StartupFailure.FAILURE));
    } catch (StartupException e) {
      StartupFailure failure = StartupFailure.of(e);
      err.println("pollux: " + failure.message());
      return failure.exitStatus();
    }
    server.httpAddress().ifPresent(address -> printListener(out, "http", address));
    server.httpsAddress().ifPresent(address -> printListener(out, "https", address));
    server.tcpAddress().ifPresent(address -> printListener(out, "tcp", address));
    out.flush();
    awaitShutdown(server);
    return 0;
  }

  private static void printListener(PrintStream out, String protocol, InetSocketAddress address) {
    out.println("pollux: " + protocol + " listening on " + HostPort.of(address));
  }

  /**
   * Waits until SIGTERM or SIGINT, then shuts the server down gracefully and ends the process with
   * status 0. The JDK turns those signals into its shutdown sequence and would exit with 143 or
   * 130; design.md promises 0 after a clean shutdown, so the hook halts with 0 once the server is
   * closed (halting inside a hook ends the sequence with that status).
   */
  private static void awaitShutdown(PolluxServer server) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  LogSetup.lastWord(LOG.getName(), "shutting down");
                  server.close();
                  LogSetup.lastWord(LOG.getName(), "stopped");
                  stopped.countDown();
                  Runtime.getRuntime().halt(0);
                },
                "pollux-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
