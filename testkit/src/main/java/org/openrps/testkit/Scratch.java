package org.openrps.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Scratch directories for tests that outlive one method (a server shared by a class): made under
 * the system's temporary directory and removed, with everything in them, when the test JVM ends.
 * Where JUnit's {@code @TempDir} fits, use that.
 */
public final class Scratch {

  private Scratch() {}

  /** A new empty directory whose name starts with {@code prefix}, removed at JVM exit. */
  public static Path directory(String prefix) {
    Path dir;
    try {
      dir = Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make a scratch directory " + prefix, e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir), "scratch-" + prefix));
    return dir;
  }

  /** Removes {@code dir} and what it holds; what cannot be removed is left. */
  static void delete(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> all = Files.walk(dir)) {
      all.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  // a file still open on another platform, or gone: leave it
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // leave what is left
    }
  }
}
