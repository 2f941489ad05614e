package org.openrps.agent.poll.decode;

import static org.openrps.agent.poll.decode.Values.MAX_TEXT;
import static org.openrps.agent.poll.decode.Values.clean;
import static org.openrps.agent.poll.decode.Values.integer;

import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.wire.InputTray;

/** prtInputTable rows: name, media, capacity and level as the device said them. */
public final class TrayDecoder {

  /** The most trays kept from one device. */
  public static final int MAX_INPUTS = 64;

  private TrayDecoder() {}

  /** The trays, names read with no declared character set. */
  public static Decoded<List<InputTray>> decode(Walked inputs, int deviceIndex) {
    return decode(inputs, deviceIndex, Optional.empty());
  }

  /**
   * The trays, names in the character set the device declares, if any. Trays without usable
   * capacity figures say nothing worth keeping, and are left out.
   */
  public static Decoded<List<InputTray>> decode(
      Walked inputs, int deviceIndex, Optional<Charset> declared) {
    Map<Long, Map<Integer, SnmpValue>> rows =
        Values.rows(inputs.rows(), StandardMib.PRT_INPUT_ENTRY, deviceIndex);
    List<InputTray> out = new ArrayList<>();
    for (Map.Entry<Long, Map<Integer, SnmpValue>> row : rows.entrySet()) {
      Map<Integer, SnmpValue> c = row.getValue();
      OptionalLong max = integer(c.get(9));
      OptionalLong level = integer(c.get(10));
      if (max.isEmpty()
          || level.isEmpty()
          || max.getAsLong() < -2
          || level.getAsLong() < -3
          || row.getKey() < 1
          || row.getKey() > Integer.MAX_VALUE) {
        continue;
      }
      if (out.size() >= MAX_INPUTS) {
        break;
      }
      String trayName =
          c.get(13) instanceof SnmpValue.OctetString s ? clean(s.text(declared), MAX_TEXT) : "";
      Optional<String> media =
          c.get(12) instanceof SnmpValue.OctetString s
              ? Optional.of(clean(s.text(declared), MAX_TEXT)).filter(t -> !t.isEmpty())
              : Optional.empty();
      out.add(
          new InputTray(
              (int) (long) row.getKey(),
              trayName,
              media,
              (int) max.getAsLong(),
              (int) level.getAsLong(),
              inputs.readAt()));
    }
    return new Decoded<>(out, List.of());
  }
}
