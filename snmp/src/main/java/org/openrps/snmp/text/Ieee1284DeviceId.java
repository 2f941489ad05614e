package org.openrps.snmp.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An IEEE 1284 device ID, as printers publish it over SNMP (the Printer Port Monitor MIB's
 * ppmPrinterIEEE1284DeviceId, and vendor OIDs: HP {@code 1.3.6.1.4.1.11.2.3.9.1.1.7.0}, Xerox
 * {@code 1.3.6.1.4.1.253.8.51.1.2.1.20.1}, Brother {@code 1.3.6.1.4.1.2435.2.3.9.1.1.7.0}): {@code
 * KEY:value;} pairs, e.g. {@code MFG:Xerox;CMD:PCL6,PS;MDL:AltaLink C8045;CLS:PRINTER;}.
 *
 * <p>Keys are case-insensitive and have a long and a short form ({@code MANUFACTURER}/{@code MFG},
 * {@code MODEL}/{@code MDL}, {@code COMMAND SET}/{@code CMD}, {@code CLASS}/{@code CLS}, {@code
 * DESCRIPTION}/{@code DES}); some devices put blanks around the separators, leave out the last
 * {@code ;}, or send a two-byte length before the text (the parallel-port form).
 *
 * @param fields every key (upper case, short form where there is one) with its value, in order
 */
public record Ieee1284DeviceId(Map<String, String> fields) {

  private static final Map<String, String> SHORT =
      Map.of(
          "MANUFACTURER", "MFG",
          "MODEL", "MDL",
          "COMMAND SET", "CMD",
          "COMMANDSET", "CMD",
          "CLASS", "CLS",
          "DESCRIPTION", "DES",
          "SERIALNUMBER", "SN",
          "SERIAL NUMBER", "SN");

  public Ieee1284DeviceId {
    fields = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  /** The device ID in {@code text}, when it holds one: at least a manufacturer or a model field. */
  public static Optional<Ieee1284DeviceId> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    String s = text;
    // the parallel-port form starts with its length in two bytes; decoded as text they are
    // control characters or a stray character before the first key
    int firstColon = s.indexOf(':');
    if (firstColon < 0) {
      return Optional.empty();
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (String part : s.split(";")) {
      int colon = part.indexOf(':');
      // a length prefix may itself hold a ':' (0x3a): skip what has no letters before the key
      while (colon >= 0 && keyOf(part.substring(0, colon)).isEmpty()) {
        part = part.substring(colon + 1);
        colon = part.indexOf(':');
      }
      if (colon <= 0) {
        continue;
      }
      String key = keyOf(part.substring(0, colon));
      String value = DeviceText.clean(part.substring(colon + 1));
      if (key.isEmpty() || value.isEmpty()) {
        continue;
      }
      fields.putIfAbsent(key, value);
    }
    if (!fields.containsKey("MFG") && !fields.containsKey("MDL")) {
      return Optional.empty();
    }
    return Optional.of(new Ieee1284DeviceId(fields));
  }

  private static String keyOf(String raw) {
    String key = DeviceText.clean(raw).toUpperCase(Locale.ROOT);
    // drop what is left of a length prefix or other non-letters before the key
    int start = 0;
    while (start < key.length() && !Character.isLetter(key.charAt(start))) {
      start++;
    }
    key = key.substring(start);
    return SHORT.getOrDefault(key, key);
  }

  public Optional<String> manufacturer() {
    return Optional.ofNullable(fields.get("MFG"));
  }

  public Optional<String> model() {
    return Optional.ofNullable(fields.get("MDL"));
  }

  public Optional<String> serial() {
    return Optional.ofNullable(fields.get("SN"));
  }

  /** The page description languages the device speaks ({@code CMD}), e.g. PCL, POSTSCRIPT. */
  public List<String> commandSets() {
    String cmd = fields.get("CMD");
    List<String> sets = new ArrayList<>();
    if (cmd != null) {
      for (String c : cmd.split(",")) {
        if (!c.isBlank()) {
          sets.add(c.strip());
        }
      }
    }
    return sets;
  }
}
