package org.openrps.simulator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.openrps.snmp.MibView;
import org.openrps.snmp.Oid;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.mib.StandardMib;

/**
 * A device replayed from an snmpsim recording ({@code OID|TYPE|VALUE} per line, numeric BER types,
 * {@code x} after the type for a hex value). It answers exactly what was recorded, in OID order.
 */
final class Recording implements SimulatedPrinter, MibView {

  private final String name;
  private final InetSocketAddress address;
  private final MibView view;
  private final Map<Oid, SnmpValue> variables;

  private Recording(
      String name, InetSocketAddress address, Map<Oid, SnmpValue> variables, MibView view) {
    this.name = name;
    this.address = address;
    this.variables = variables;
    this.view = view;
  }

  /** The same recording on another address (sharing its variables). */
  Recording at(InetSocketAddress other) {
    return new Recording(name, other, variables, view);
  }

  /**
   * Reads one snmprec file.
   *
   * @throws IllegalArgumentException naming the file and the line that does not parse
   */
  static Recording read(Path file, InetSocketAddress address) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
    Map<Oid, SnmpValue> variables = new TreeMap<>();
    for (int n = 0; n < lines.size(); n++) {
      String line = lines.get(n).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        int bar1 = line.indexOf('|');
        int bar2 = bar1 < 0 ? -1 : line.indexOf('|', bar1 + 1);
        if (bar2 < 0) {
          throw new IllegalArgumentException("not OID|TYPE|VALUE");
        }
        Oid oid = Oid.of(line.substring(0, bar1));
        variables.put(oid, value(line.substring(bar1 + 1, bar2), line.substring(bar2 + 1)));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            file.getFileName() + ":" + (n + 1) + ": " + e.getMessage(), e);
      }
    }
    if (variables.isEmpty()) {
      throw new IllegalArgumentException(file.getFileName() + ": no variables");
    }
    return new Recording(file.getFileName().toString(), address, variables, MibView.of(variables));
  }

  private static SnmpValue value(String type, String text) {
    boolean hex = type.endsWith("x");
    String tag = hex ? type.substring(0, type.length() - 1) : type;
    byte[] bytes =
        hex ? HexFormat.of().parseHex(text.strip()) : text.getBytes(StandardCharsets.ISO_8859_1);
    try {
      switch (tag) {
        case "2":
          return new SnmpValue.Integer32(Integer.parseInt(text.strip()));
        case "4":
          return new SnmpValue.OctetString(bytes);
        case "5":
          return new SnmpValue.Null();
        case "6":
          return new SnmpValue.ObjectId(Oid.of(text.strip()));
        case "64":
          if (hex) {
            return new SnmpValue.IpAddress(bytes);
          }
          String[] o = text.strip().split("\\.");
          if (o.length != 4) {
            throw new IllegalArgumentException("IpAddress '" + text + "'");
          }
          byte[] ip = new byte[4];
          for (int i = 0; i < 4; i++) {
            ip[i] = (byte) Integer.parseInt(o[i]);
          }
          return new SnmpValue.IpAddress(ip);
        case "65":
          return new SnmpValue.Counter32(Long.parseLong(text.strip()));
        case "66":
          return new SnmpValue.Gauge32(Long.parseLong(text.strip()));
        case "67":
          return new SnmpValue.TimeTicks(Long.parseLong(text.strip()));
        case "68":
          return new SnmpValue.Opaque(bytes);
        case "70":
          return new SnmpValue.Counter64(Long.parseUnsignedLong(text.strip()));
        default:
          throw new IllegalArgumentException("unknown type '" + type + "'");
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("type " + type + " needs a number, not '" + text + "'", e);
    }
  }

  private Optional<String> text(Oid oid) {
    return Optional.ofNullable(variables.get(oid))
        .filter(v -> v instanceof SnmpValue.OctetString)
        .map(v -> ((SnmpValue.OctetString) v).text());
  }

  @Override
  public InetSocketAddress address() {
    return address;
  }

  @Override
  public byte[] engineId() {
    return org.openrps.snmp.SnmpResponder.engineId(address);
  }

  @Override
  public String make() {
    String descr = text(StandardMib.SYS_DESCR).orElse(name).strip();
    int space = descr.indexOf(' ');
    return space < 0 ? descr : descr.substring(0, space);
  }

  @Override
  public String model() {
    return text(StandardMib.HR_DEVICE_DESCR.append(1)).orElse(name);
  }

  @Override
  public String serial() {
    return text(StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(1)).orElse("");
  }

  @Override
  public java.util.OptionalLong count(String placeholder) {
    return java.util.OptionalLong.empty();
  }

  @Override
  public long totalPages() {
    SnmpValue v = variables.get(StandardMib.PRT_MARKER_LIFE_COUNT.append(1, 1));
    return v == null ? 0 : v.asLong().orElse(0);
  }

  String name() {
    return name;
  }

  @Override
  public Optional<SnmpValue> get(Oid oid) {
    return view.get(oid);
  }

  @Override
  public Optional<VarBind> next(Oid oid) {
    return view.next(oid);
  }

  @Override
  public String toString() {
    return name + " at " + address;
  }
}
