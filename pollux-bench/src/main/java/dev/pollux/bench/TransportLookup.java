package dev.pollux.bench;

import dev.pollux.loop.NioTransport;
import dev.pollux.loop.Transport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Finds a {@link Transport} by its {@code --io} name ({@code nio}, {@code poll}, {@code threads},
 * {@code virtual}, {@code epoll}), so that the harness measures whichever I/O models the build on
 * the class path has.
 *
 * <p>Design: {@code nio} is {@link NioTransport#standard()}. Any other name is looked up without
 * compiling against it, so that this module builds before those transports exist: first through
 * {@link ServiceLoader}, then by calling every public static no-argument factory returning a {@code
 * Transport} on the public classes of {@code dev.pollux.loop} and {@code dev.pollux.epoll} (e.g.
 * {@code EpollTransport.create()}) and keeping the one whose {@link Transport#name()} matches. A
 * factory that throws (epoll on a kernel without it) is skipped.
 */
public final class TransportLookup {

  private static final List<String> PACKAGES = List.of("dev.pollux.loop", "dev.pollux.epoll");

  private TransportLookup() {}

  /**
   * The transport named {@code name}.
   *
   * @throws IllegalArgumentException naming the model and the ones available when there is none
   */
  public static Transport byName(String name) {
    if (name.equals("nio")) {
      return NioTransport.standard();
    }
    List<Transport> found = available();
    for (Transport transport : found) {
      if (transport.name().equals(name)) {
        return transport;
      }
    }
    TreeSet<String> names = new TreeSet<>();
    found.forEach(t -> names.add(t.name()));
    throw new IllegalArgumentException(
        "no transport '" + name + "' on the class path; available: " + names);
  }

  /** Every transport the class path offers, {@code nio} included. */
  public static List<Transport> available() {
    List<Transport> found = new ArrayList<>();
    found.add(NioTransport.standard());
    ServiceLoader.load(Transport.class).forEach(found::add);
    for (String pkg : PACKAGES) {
      for (String className : classesIn(pkg)) {
        found.addAll(factoriesOf(className));
      }
    }
    return found;
  }

  private static List<Transport> factoriesOf(String className) {
    List<Transport> made = new ArrayList<>();
    Class<?> type;
    try {
      type = Class.forName(className, false, TransportLookup.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      return made;
    }
    if (!Modifier.isPublic(type.getModifiers()) || !Transport.class.isAssignableFrom(type)) {
      return made;
    }
    for (Method method : type.getMethods()) {
      if (Modifier.isStatic(method.getModifiers())
          && method.getParameterCount() == 0
          && Transport.class.isAssignableFrom(method.getReturnType())) {
        try {
          made.add((Transport) method.invoke(null));
        } catch (IllegalAccessException | InvocationTargetException | LinkageError e) {
          // Not usable here (e.g. epoll on another OS): the model is simply not available.
          System.getLogger(TransportLookup.class.getName())
              .log(System.Logger.Level.DEBUG, () -> "skipping " + method, e);
        }
      }
    }
    return made;
  }

  /** The top-level class names of {@code pkg} in directories and jars of the class path. */
  private static List<String> classesIn(String pkg) {
    String dir = pkg.replace('.', '/');
    List<String> names = new ArrayList<>();
    try {
      Enumeration<URL> roots = TransportLookup.class.getClassLoader().getResources(dir);
      while (roots.hasMoreElements()) {
        URL url = roots.nextElement();
        if (url.getProtocol().equals("jar")) {
          JarURLConnection connection = (JarURLConnection) url.openConnection();
          connection.setUseCaches(false);
          try (JarFile jar = connection.getJarFile()) {
            for (JarEntry entry : jar.stream().toList()) {
              addClass(names, dir, entry.getName());
            }
          }
        } else if (url.getProtocol().equals("file")) {
          try (Stream<Path> files = Files.list(Path.of(url.toURI()))) {
            files.forEach(f -> addClass(names, dir, dir + "/" + f.getFileName()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the classes of " + pkg, e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException("class path entry is not a path: " + e.getInput(), e);
    }
    return names;
  }

  private static void addClass(List<String> names, String dir, String entry) {
    if (entry.startsWith(dir + "/")
        && entry.endsWith(".class")
        && entry.indexOf('/', dir.length() + 1) < 0
        && entry.indexOf('$') < 0) {
      names.add(entry.substring(0, entry.length() - ".class".length()).replace('/', '.'));
    }
  }
}
