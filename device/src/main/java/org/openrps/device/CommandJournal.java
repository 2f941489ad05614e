package org.openrps.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.openrps.wire.command.CommandResult;

/**
 * What the module did with each command, on disk before it matters: "applying" is written before
 * the printer is asked, the result after, "acknowledged" once the server has it. So a command is
 * applied at most once whatever happens: fetched again (a lost answer, a replay), it is answered
 * from here; interrupted by a restart while applying, it is reported failed and never re-run.
 */
final class CommandJournal {

  /** How many commands it remembers; older ones were acknowledged long ago. */
  static final int REMEMBERED = 512;

  private static final class Entry {
    Optional<CommandResult> result = Optional.empty();
    boolean acknowledged;
  }

  private final Path file;
  private final ObjectMapper json;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private int lines;

  CommandJournal(Path file, ObjectMapper json) throws IOException {
    this.file = file;
    this.json = json;
    if (Files.exists(file)) {
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = json.readTree(line);
        } catch (IOException e) {
          continue; // the last line, cut short by a power cut: what it recorded did not happen
        }
        lines++;
        String id = node.path("id").asText();
        Entry e = entries.computeIfAbsent(id, k -> new Entry());
        if (node.has("result")) {
          e.result = Optional.of(json.treeToValue(node.get("result"), CommandResult.class));
        }
        if (node.path("acknowledged").asBoolean(false)) {
          e.acknowledged = true;
        }
      }
    }
  }

  /** Whether the command was applied (or started being) before. */
  synchronized boolean seen(String id) {
    return entries.containsKey(id);
  }

  /** Records, durably, that the command is about to be applied. */
  synchronized void applying(String id) throws IOException {
    entries.put(id, new Entry());
    append(json.createObjectNode().put("id", id).put("applying", true));
  }

  /** Records the command's result, durably. */
  synchronized void result(CommandResult result) throws IOException {
    entries.computeIfAbsent(result.commandId(), k -> new Entry()).result = Optional.of(result);
    ObjectNode node = json.createObjectNode().put("id", result.commandId());
    node.set("result", json.valueToTree(result));
    append(node);
  }

  /** The server has the command's result. */
  synchronized void acknowledged(String id) throws IOException {
    Entry e = entries.get(id);
    if (e != null && !e.acknowledged) {
      e.acknowledged = true;
      append(json.createObjectNode().put("id", id).put("acknowledged", true));
    }
  }

  /**
   * The results the server has not acknowledged yet. A command whose application a restart cut
   * short has none: it gets a failed result now (it is not applied again).
   */
  synchronized List<CommandResult> unacknowledged(Instant now) throws IOException {
    List<CommandResult> out = new ArrayList<>();
    for (Map.Entry<String, Entry> e : new ArrayList<>(entries.entrySet())) {
      Entry entry = e.getValue();
      if (entry.acknowledged) {
        continue;
      }
      if (entry.result.isEmpty()) {
        result(
            new CommandResult(
                e.getKey(),
                CommandResult.Outcome.failed,
                "interrupted by a restart while being applied; not applied again",
                now,
                Map.of()));
      }
      out.add(entry.result.get());
    }
    return out;
  }

  /** The result recorded for the command, if any. */
  synchronized Optional<CommandResult> resultOf(String id) {
    Entry e = entries.get(id);
    return e == null ? Optional.empty() : e.result;
  }

  private void append(JsonNode node) throws IOException {
    byte[] line = (json.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8);
    try (FileChannel out =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE)) {
      ByteBuffer buffer = ByteBuffer.wrap(line);
      while (buffer.hasRemaining()) {
        out.write(buffer);
      }
      out.force(true);
    }
    if (++lines > 4 * REMEMBERED) {
      compact();
    }
  }

  /** Rewrites the journal with the newest commands only, each in one line. */
  private void compact() throws IOException {
    while (entries.size() > REMEMBERED) {
      String oldest = entries.keySet().iterator().next();
      if (!entries.get(oldest).acknowledged) {
        break;
      }
      entries.remove(oldest);
    }
    StringBuilder text = new StringBuilder();
    for (Map.Entry<String, Entry> e : entries.entrySet()) {
      ObjectNode node = json.createObjectNode().put("id", e.getKey()).put("applying", true);
      e.getValue().result.ifPresent(r -> node.set("result", json.valueToTree(r)));
      if (e.getValue().acknowledged) {
        node.put("acknowledged", true);
      }
      text.append(json.writeValueAsString(node)).append('\n');
    }
    Files2.writeDurably(file, text.toString().getBytes(StandardCharsets.UTF_8));
    lines = entries.size();
  }
}
