package dev.pollux.server.cli;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why a file named by an option could not be used, in the user's words rather than a Java class
 * name: {@code no such file}, {@code permission denied}, {@code is a directory}, or the exception's
 * own message ({@code keytool -genkeypair failed: ...}).
 */
final class FileErrors {

  private FileErrors() {}

  static String describe(Exception e) {
    return switch (e) {
      case NoSuchFileException missing -> "no such file";
      case AccessDeniedException denied -> "permission denied";
      case NotDirectoryException notDirectory -> "not a directory";
      case FileSystemException other when other.getReason() != null ->
          lowerFirst(other.getReason());
      default -> e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    };
  }

  /** {@code Is a directory} (the OS's wording) as {@code is a directory}. */
  private static String lowerFirst(String text) {
    return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }
}
