package org.openrps.device;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.openrps.wire.Report;

/**
 * The module's unsent reports, oldest first, one file each, kept across restarts. Bounded: adding
 * to a full queue drops the oldest report and counts it (the count survives restarts too), so a
 * printer whose server is away for months keeps its newest reports in a few kilobytes.
 */
final class ReportQueue {

  /** One queued report and the file that holds it. */
  record Entry(Path file, Report report) {}

  private final Path dir;
  private final Path droppedFile;
  private final int capacity;
  private final ObjectMapper json;
  private long next;
  private long dropped;

  ReportQueue(Path dir, int capacity, ObjectMapper json) throws IOException {
    this.dir = dir;
    this.capacity = capacity;
    this.json = json;
    Files.createDirectories(dir);
    this.droppedFile = dir.resolve("dropped");
    this.dropped =
        Files.exists(droppedFile)
            ? Long.parseLong(Files.readString(droppedFile, StandardCharsets.US_ASCII).strip())
            : 0;
    List<Path> files = files();
    this.next = files.isEmpty() ? 1 : sequence(files.get(files.size() - 1)) + 1;
  }

  /** Queues the report; drops the oldest ones past the capacity. */
  synchronized void add(Report report) throws IOException {
    Path file = dir.resolve(String.format("%016d.json", next++));
    Files2.writeDurably(file, json.writeValueAsBytes(report));
    List<Path> files = files();
    int excess = files.size() - capacity;
    for (int i = 0; i < excess; i++) {
      Files.deleteIfExists(files.get(i));
      dropped++;
    }
    if (excess > 0) {
      Files2.writeDurably(droppedFile, Long.toString(dropped).getBytes(StandardCharsets.US_ASCII));
    }
  }

  /**
   * The queued reports, oldest first. A file that cannot be read (cut short by a failing flash) is
   * dropped and counted, never sent half.
   */
  synchronized List<Entry> entries() throws IOException {
    List<Entry> out = new ArrayList<>();
    for (Path file : files()) {
      try {
        out.add(new Entry(file, json.readValue(file.toFile(), Report.class)));
      } catch (IOException | RuntimeException e) {
        Files.deleteIfExists(file);
        dropped++;
        Files2.writeDurably(
            droppedFile, Long.toString(dropped).getBytes(StandardCharsets.US_ASCII));
      }
    }
    return out;
  }

  /** The report was stored by the server. */
  synchronized void remove(Entry entry) throws IOException {
    Files.deleteIfExists(entry.file());
  }

  synchronized int size() throws IOException {
    return files().size();
  }

  /** How many reports were dropped for want of room (or unreadable), since the module started. */
  synchronized long dropped() {
    return dropped;
  }

  private List<Path> files() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().matches("[0-9]{16}\\.json"))
          .sorted()
          .toList();
    }
  }

  private static long sequence(Path file) {
    String name = file.getFileName().toString();
    return Long.parseLong(name.substring(0, name.indexOf('.')));
  }
}
