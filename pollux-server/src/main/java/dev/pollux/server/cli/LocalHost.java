package dev.pollux.server.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This machine's host name: the default device id, the self-signed certificate's name and what
 * {@code /api/v1/device} reports.
 *
 * <p>Design: the name is read from the kernel ({@code /proc/sys/kernel/hostname}, what {@code
 * hostname} prints), not taken from {@link InetAddress#getLocalHost()}, which also looks the name
 * up: on a board whose name is in neither {@code /etc/hosts} nor DNS, that lookup waits for the
 * resolver's timeouts, seconds at every start. The lookup is only the fallback where the file
 * cannot be read.
 */
public final class LocalHost {
  private static final Path KERNEL_HOST_NAME = Path.of("/proc/sys/kernel/hostname");

  private LocalHost() {}

  /** This machine's host name, or {@code localhost} when it has none. */
  public static String name() {
    try {
      String name = Files.readString(KERNEL_HOST_NAME, StandardCharsets.US_ASCII).strip();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException e) {
      // no procfs mounted: ask the resolver
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "localhost";
    }
  }
}
