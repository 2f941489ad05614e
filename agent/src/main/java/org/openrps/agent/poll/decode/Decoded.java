package org.openrps.agent.poll.decode;

import java.util.List;
import java.util.Objects;
import org.openrps.agent.poll.ReadFailure;

/**
 * What a decoder made of its rows: the value, and what could not be read from them.
 *
 * @param value the wire record(s)
 * @param failures values that were missing, not of their type, or not allowed by the MIB
 */
public record Decoded<T>(T value, List<ReadFailure> failures) {
  public Decoded {
    Objects.requireNonNull(value, "value");
    failures = List.copyOf(Objects.requireNonNull(failures, "failures"));
  }
}
