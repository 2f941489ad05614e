package org.openrps.agent.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.openrps.wire.AlertReading;
import org.openrps.wire.MeterReading;
import org.openrps.wire.SupplyReading;

/**
 * The {@link AuditReport} as one CSV table (RFC 4180: CRLF line ends, a field with a comma, quote,
 * CR or LF quoted and its quotes doubled, one header line), so that a spreadsheet opens every
 * section as one sheet. A pure function of the report; UTF-8, without a byte order mark.
 *
 * <p>Every row has the same {@link #COLUMNS}; the first, {@code section}, says what the row is:
 *
 * <ul>
 *   <li>{@code report}: one row per fact about the report; {@code item} names it ({@code made_at},
 *       {@code agent_id}, {@code agent_version}, {@code site_name}, {@code devices}, {@code
 *       unreachable}, {@code weak_snmp}, {@code uploads}) and {@code value} holds it.
 *   <li>{@code device}: one row per device: {@code device} (its key), {@code make}, {@code model},
 *       {@code serial}, {@code mac}, {@code address}, {@code name} (sysName), {@code location}
 *       (sysLocation), {@code first_seen}, {@code last_seen}, {@code reachable} ({@code yes} or
 *       {@code no}: it answered the latest poll) and {@code since} (see {@link
 *       AuditReport.Reachability}).
 *   <li>{@code meter}: the latest reading of each meter: {@code item} the meter, {@code value} the
 *       count, {@code time} when read, {@code state} {@code ok}; a flagged meter has {@code state}
 *       {@code flagged}, its flags in {@code flag}, an empty {@code value} and the value the device
 *       said in {@code detail}: never a plain number to bill.
 *   <li>{@code supply}: {@code item} the supply's description, {@code value} its level in percent
 *       with {@code unit} {@code %} when the device gave a level and a capacity; a level without a
 *       capacity in the device's own {@code unit}; otherwise {@code value} is empty and {@code
 *       state} says what the device said ({@code unknown}, {@code someRemaining}, {@code other},
 *       {@code invalid}).
 *   <li>{@code alert}: a row of the device's alert table ({@code state} its severity, {@code flag}
 *       its group, {@code item} its code, {@code detail} its description) or an error condition the
 *       device detected ({@code state} {@code condition}, {@code item} the condition).
 *   <li>{@code snmp}: how the device answered: {@code item} the version and protocols ({@code v3
 *       SHA-256/AES-128}, {@code v2c community}), {@code state} {@code weak} or {@code ok}, {@code
 *       flag} the reasons it is weak, {@code detail} the credential set's name.
 *   <li>{@code upload}: one row per upload attempt, newest first: {@code item} the report id,
 *       {@code value} the readings it held, {@code time} when, {@code state} the outcome ({@code
 *       acknowledged}, {@code duplicate}, {@code refused}, {@code failed}), {@code flag} the
 *       server's refusal code, {@code detail} the HTTP status and the server's receipt or reason.
 * </ul>
 *
 * <p>Times are ISO-8601 UTC. The device columns repeat on every row about a device, so that a
 * filter on any of them keeps its rows together. Text that starts with {@code =}, {@code +}, {@code
 * -}, {@code @}, a tab or a CR (a spreadsheet would read it as a formula) is prefixed with {@code
 * '}; numbers are written as numbers.
 */
public final class CsvReport {

  /** The columns, in order. */
  public static final List<String> COLUMNS =
      List.of(
          "section",
          "device",
          "make",
          "model",
          "serial",
          "mac",
          "address",
          "name",
          "location",
          "first_seen",
          "last_seen",
          "reachable",
          "since",
          "item",
          "value",
          "unit",
          "time",
          "state",
          "flag",
          "detail");

  private static final int DEVICE = 1;
  private static final int ITEM = 13;

  private CsvReport() {}

  /** The report as CSV text. */
  public static String render(AuditReport r) {
    StringBuilder out = new StringBuilder(16_384);
    line(out, COLUMNS.toArray(String[]::new));
    AuditReport.Origin o = r.origin();
    fact(out, "made_at", r.madeAt().toString());
    fact(out, "agent_id", o.agentId().map(CsvReport::text).orElse(""));
    fact(out, "agent_version", text(o.agentVersion()));
    fact(out, "site_name", o.siteName().map(CsvReport::text).orElse(""));
    fact(out, "devices", String.valueOf(r.devices().size()));
    fact(out, "unreachable", String.valueOf(r.unreachableDevices()));
    fact(out, "weak_snmp", String.valueOf(r.weakDevices()));
    fact(out, "uploads", String.valueOf(r.uploads().size()));
    for (AuditReport.Device d : r.devices()) {
      String[] row = device(d, "device");
      row[5] = text(d.mac().orElse(""));
      row[7] = text(d.name().orElse(""));
      row[8] = text(d.location().orElse(""));
      row[9] = d.firstSeen().toString();
      row[10] = d.lastSeen().toString();
      row[11] = d.reachability().reachable() ? "yes" : "no";
      row[12] = d.reachability().since().toString();
      line(out, row);
    }
    for (AuditReport.Device d : r.devices()) {
      for (MeterReading m : d.meters()) {
        String[] row = device(d, "meter");
        row[ITEM] = text(m.name());
        row[16] = m.readAt().toString();
        if (m.flags().isEmpty()) {
          row[14] = Long.toString(m.value());
          row[17] = "ok";
        } else {
          row[17] = "flagged";
          row[18] = text(String.join(",", m.flags()));
          row[19] = "the device said " + m.value() + "; not to be billed without review";
        }
        line(out, row);
      }
    }
    for (AuditReport.Device d : r.devices()) {
      for (SupplyReading s : d.supplies()) {
        String[] row = device(d, "supply");
        row[ITEM] = text(s.description());
        row[16] = s.readAt().toString();
        if (s.percent().isPresent()) {
          row[14] = HtmlReport.percent(s.percent().getAsDouble());
          row[15] = "%";
          row[17] = "known";
        } else if (s.level() >= 0) {
          row[14] = Integer.toString(s.level());
          row[15] = text(s.unit());
          row[17] = "capacityUnknown";
        } else {
          row[17] = s.levelState().name();
        }
        row[19] =
            text(
                s.type()
                    + " ("
                    + s.supplyClass()
                    + "), level "
                    + s.level()
                    + " of "
                    + s.maxCapacity()
                    + " "
                    + s.unit());
        line(out, row);
      }
    }
    for (AuditReport.Device d : r.devices()) {
      for (AlertReading a : d.alerts().orElse(List.of())) {
        String[] row = device(d, "alert");
        row[ITEM] = text(a.code());
        row[16] = a.readAt().toString();
        row[17] = text(a.severity());
        row[18] = text(a.group());
        row[19] = text(a.description());
        line(out, row);
      }
      if (d.status().isPresent()) {
        for (String error : d.status().get().errors()) {
          String[] row = device(d, "alert");
          row[ITEM] = text(error);
          row[16] = d.status().get().readAt().toString();
          row[17] = "condition";
          row[18] = "hrPrinterDetectedErrorState";
          row[19] = text("printer status " + d.status().get().printerStatus());
          line(out, row);
        }
      }
    }
    for (AuditReport.Device d : r.devices()) {
      Optional<AuditReport.Snmp> s = d.snmp();
      if (s.isEmpty()) {
        continue;
      }
      String[] row = device(d, "snmp");
      row[ITEM] = text(s.get().describe());
      row[17] = s.get().weak() ? "weak" : "ok";
      row[18] = text(String.join("; ", s.get().weaknesses()));
      row[19] = s.get().credentialSet().map(n -> text("credential set " + n)).orElse("");
      line(out, row);
    }
    for (AuditReport.Upload u : r.uploads()) {
      String[] row = empty("upload");
      row[ITEM] = text(u.reportId());
      row[14] = Integer.toString(u.readings());
      row[16] = u.at().toString();
      row[17] = u.outcome().name();
      row[18] = text(u.refusalCode());
      row[19] = text(u.httpStatus().map(c -> "HTTP " + c).orElse("no answer") + "; " + answer(u));
      line(out, row);
    }
    return out.toString();
  }

  /** The server's receipt, its refusal or the error, in one line. */
  static String answer(AuditReport.Upload u) {
    return switch (u.outcome()) {
      case acknowledged, duplicate ->
          u.receipt()
              .map(
                  r ->
                      "receipt: report "
                          + r.reportId()
                          + ", "
                          + r.devices()
                          + (r.devices() == 1 ? " device" : " devices")
                          + ", stored by the server at "
                          + r.receivedAt()
                          + (r.duplicate() ? " (already there: a re-send, stored once)" : ""))
              .orElse("receipt");
      case refused -> "refused: " + u.message();
      case failed -> "error: " + (u.message().isEmpty() ? "unknown" : u.message());
    };
  }

  private static void fact(StringBuilder out, String item, String value) {
    String[] row = empty("report");
    row[ITEM] = item;
    row[14] = value;
    line(out, row);
  }

  private static String[] empty(String section) {
    String[] row = new String[COLUMNS.size()];
    Arrays.fill(row, "");
    row[0] = section;
    return row;
  }

  private static String[] device(AuditReport.Device d, String section) {
    String[] row = empty(section);
    row[DEVICE] = text(d.key());
    row[2] = text(d.make());
    row[3] = text(d.model());
    row[4] = text(d.serial().orElse(""));
    row[6] = text(d.address());
    return row;
  }

  /**
   * Text, guarded against formula injection: a spreadsheet reads a field that starts with {@code
   * =}, {@code +}, {@code -}, {@code @}, a tab or a CR as a formula, so such text gets a leading
   * {@code '}. Numbers do not come through here.
   */
  static String text(String value) {
    if (value.isEmpty()) {
      return value;
    }
    char c = value.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'
        ? "'" + value
        : value;
  }

  private static void line(StringBuilder out, String[] fields) {
    List<String> quoted = new ArrayList<>(fields.length);
    for (String f : fields) {
      quoted.add(field(f));
    }
    out.append(String.join(",", quoted)).append("\r\n");
  }

  /** One field: quoted, its quotes doubled, when it holds a comma, a quote, a CR or a LF. */
  static String field(String value) {
    boolean quote =
        value.indexOf(',') >= 0
            || value.indexOf('"') >= 0
            || value.indexOf('\r') >= 0
            || value.indexOf('\n') >= 0;
    return quote ? "\"" + value.replace("\"", "\"\"") + "\"" : value;
  }
}
