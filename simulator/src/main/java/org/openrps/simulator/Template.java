package org.openrps.simulator;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.openrps.snmp.Oid;
import org.openrps.snmp.SnmpValue;

/**
 * A value of a model file, {@code "TYPE:TEXT"}, where TEXT may hold placeholders such as {@code
 * {serial}} or {@code {printMono}} that each printer fills in when asked (see {@link Var}). Types:
 * {@code s} OCTET STRING (UTF-8 text), {@code b} OCTET STRING of the characters' low bytes (for
 * binary prefixes such as {@code \u00fd\u00e8} and trailing NULs), {@code x} OCTET STRING written
 * in hex, {@code i} INTEGER, {@code c} Counter32 (wraps at 2^32), {@code C} Counter64, {@code g}
 * Gauge32, {@code t} TimeTicks, {@code o} OBJECT IDENTIFIER, {@code a} IpAddress.
 */
final class Template {

  /** The placeholders a template may use. */
  enum Var {
    SERIAL("serial"),
    SERIAL_HEX("serialHex"),
    MODEL("model"),
    MAC6("mac6"),
    MAC12("mac12"),
    FIRMWARE("firmware"),
    IP("ip"),
    UPTIME("uptime"),
    TOTAL("total"),
    MONO("mono"),
    COLOUR("colour"),
    PRINT("print"),
    PRINT_MONO("printMono"),
    PRINT_COLOUR("printColour"),
    COPY("copy"),
    COPY_MONO("copyMono"),
    COPY_COLOUR("copyColour"),
    FAX("fax"),
    SCAN("scan"),
    DUPLEX("duplex"),
    LARGE("large"),
    SMALL("small"),
    LARGE_MONO("largeMono"),
    SMALL_MONO("smallMono"),
    LARGE_COLOUR("largeColour"),
    SMALL_COLOUR("smallColour"),
    JAMS("jams"),
    SIMPLEX("simplex"),
    SHEETS("sheets"),
    FAX_MONO("faxMono"),
    FAX_COLOUR("faxColour"),
    PRINT_MONO_LARGE("printMonoLarge"),
    PRINT_MONO_SMALL("printMonoSmall"),
    PRINT_COLOUR_LARGE("printColourLarge"),
    PRINT_COLOUR_SMALL("printColourSmall"),
    COPY_MONO_LARGE("copyMonoLarge"),
    COPY_MONO_SMALL("copyMonoSmall"),
    COPY_COLOUR_LARGE("copyColourLarge"),
    COPY_COLOUR_SMALL("copyColourSmall"),
    FAX_SMALL("faxSmall"),
    SCAN_MONO("scanMono"),
    SCAN_COLOUR("scanColour"),
    SCAN_LARGE("scanLarge"),
    SCAN_COPY("scanCopy"),
    SCAN_FAX("scanFax"),
    SCAN_NETWORK("scanNetwork"),
    SCAN_NETWORK_MONO("scanNetworkMono"),
    SCAN_NETWORK_COLOUR("scanNetworkColour"),
    SCAN_EMAIL("scanEmail"),
    SCAN_FOLDER("scanFolder"),
    TRANSMISSION("transmission"),
    TRANSMISSION_MONO("transmissionMono"),
    FEEDER("feeder"),
    /** {@code {level1}}: the real level of supply row 1 in its own unit, whatever the MIB shows. */
    LEVEL("level"),
    /** {@code {percent1}}: the real level of supply row 1 in percent. */
    PERCENT("percent");

    final String text;

    Var(String text) {
      this.text = text;
    }

    boolean numeric() {
      return ordinal() >= UPTIME.ordinal();
    }
  }

  /** What a template is filled from: one printer at one instant. */
  interface Values {
    String text(Var var, int row);

    long number(Var var, int row);
  }

  private final char type;
  private final String source;
  private final Object[] parts; // String literals and Placeholder

  private record Placeholder(Var var, int row) {}

  private Template(char type, String source, Object[] parts) {
    this.type = type;
    this.source = source;
    this.parts = parts;
  }

  /**
   * Parses {@code "TYPE:TEXT"}.
   *
   * @throws IllegalArgumentException naming the problem (unknown type or placeholder)
   */
  static Template of(String text, int supplies) {
    if (text == null || text.length() < 2 || text.charAt(1) != ':') {
      throw new IllegalArgumentException("'" + text + "' is not TYPE:VALUE");
    }
    char type = text.charAt(0);
    if ("sbxicCgtoa".indexOf(type) < 0) {
      throw new IllegalArgumentException(
          "'" + text + "': type '" + type + "' is not one of s b x i c C g t o a");
    }
    String body = text.substring(2);
    List<Object> parts = new ArrayList<>();
    int at = 0;
    while (at < body.length()) {
      int open = body.indexOf('{', at);
      if (open < 0) {
        parts.add(body.substring(at));
        break;
      }
      int close = body.indexOf('}', open);
      if (close < 0) {
        throw new IllegalArgumentException("'" + text + "': '{' without '}'");
      }
      if (open > at) {
        parts.add(body.substring(at, open));
      }
      parts.add(placeholder(body.substring(open + 1, close), text, supplies));
      at = close + 1;
    }
    Template t = new Template(type, text, parts.toArray());
    if (t.isConstant()) {
      t.render(null); // checks a constant value now, at load time
    }
    return t;
  }

  private static Placeholder placeholder(String name, String text, int supplies) {
    for (Var var : Var.values()) {
      if (name.equals(var.text)) {
        if (var == Var.LEVEL || var == Var.PERCENT) {
          break;
        }
        return new Placeholder(var, 0);
      }
      if ((var == Var.LEVEL || var == Var.PERCENT) && name.startsWith(var.text)) {
        try {
          int row = Integer.parseInt(name.substring(var.text.length()));
          if (row >= 1 && row <= supplies) {
            return new Placeholder(var, row);
          }
        } catch (NumberFormatException e) {
          // falls through to the error below
        }
        throw new IllegalArgumentException(
            "'" + text + "': {" + name + "} needs a supply row 1.." + supplies);
      }
    }
    List<String> known = new ArrayList<>();
    for (Var v : Var.values()) {
      known.add(v == Var.LEVEL || v == Var.PERCENT ? v.text + "<row>" : v.text);
    }
    throw new IllegalArgumentException("'" + text + "': unknown {" + name + "}; known: " + known);
  }

  private boolean isConstant() {
    for (Object p : parts) {
      if (p instanceof Placeholder) {
        return false;
      }
    }
    return true;
  }

  /** The value for one printer at one instant. */
  SnmpValue render(Values values) {
    if (parts.length == 1 && parts[0] instanceof Placeholder p && p.var.numeric()) {
      return number(values.number(p.var, p.row));
    }
    StringBuilder out = new StringBuilder();
    for (Object part : parts) {
      if (part instanceof Placeholder p) {
        out.append(
            p.var.numeric()
                ? Long.toString(values.number(p.var, p.row))
                : values.text(p.var, p.row));
      } else {
        out.append((String) part);
      }
    }
    String text = out.toString();
    switch (type) {
      case 's':
        return SnmpValue.OctetString.of(text);
      case 'b':
        return new SnmpValue.OctetString(text.getBytes(StandardCharsets.ISO_8859_1));
      case 'x':
        return new SnmpValue.OctetString(
            HexFormat.of().parseHex(text.replace(" ", "").replace(":", "")));
      case 'o':
        return new SnmpValue.ObjectId(Oid.of(text));
      case 'a':
        String[] octets = text.split("\\.");
        byte[] ip = new byte[4];
        if (octets.length != 4) {
          throw new IllegalArgumentException("'" + source + "' is not an IPv4 address");
        }
        for (int i = 0; i < 4; i++) {
          ip[i] = (byte) Integer.parseInt(octets[i]);
        }
        return new SnmpValue.IpAddress(ip);
      default:
        return number(Long.parseLong(text.strip()));
    }
  }

  private SnmpValue number(long n) {
    switch (type) {
      case 'i':
        return new SnmpValue.Integer32((int) n);
      case 'c':
        return new SnmpValue.Counter32(n & 0xFFFF_FFFFL);
      case 'C':
        return new SnmpValue.Counter64(n);
      case 'g':
        return new SnmpValue.Gauge32(Math.max(0, Math.min(n, 0xFFFF_FFFFL)));
      case 't':
        return new SnmpValue.TimeTicks(n & 0xFFFF_FFFFL);
      default:
        return SnmpValue.OctetString.of(Long.toString(n));
    }
  }

  @Override
  public String toString() {
    return source.toLowerCase(Locale.ROOT).isEmpty() ? "" : source;
  }
}
