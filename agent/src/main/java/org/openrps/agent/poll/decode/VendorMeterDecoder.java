package org.openrps.agent.poll.decode;

import static org.openrps.agent.poll.decode.Values.MAX_TEXT;
import static org.openrps.agent.poll.decode.Values.clean;
import static org.openrps.agent.poll.decode.Values.counter;
import static org.openrps.agent.poll.decode.Values.notACounter;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import org.openrps.agent.poll.ReadFailure;
import org.openrps.snmp.Oid;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.profile.MeterDefinition;
import org.openrps.snmp.profile.MeterTerm;
import org.openrps.snmp.profile.VendorProfile;
import org.openrps.wire.MeterReading;

/**
 * The make's own meters (vendor profile): which type columns to walk, which OIDs to GET once they
 * are known, and the meters those values make, each with the OIDs it was read from ({@code oid} is
 * the first of a sum, {@code oids} all of them).
 */
public final class VendorMeterDecoder {

  private VendorMeterDecoder() {}

  /** The type (or name) columns of the profile's table meters, to walk before anything else. */
  public static Set<Oid> typeColumns(VendorProfile profile) {
    Set<Oid> columns = new LinkedHashSet<>();
    for (MeterDefinition m : profile.metersToRead()) {
      for (List<MeterTerm> alternative : m.alternatives()) {
        for (MeterTerm t : alternative) {
          if (t instanceof MeterTerm.TableRow r) {
            columns.addAll(r.columns());
          } else if (t instanceof MeterTerm.NamedRow r) {
            columns.add(r.nameColumn());
          } else if (t instanceof MeterTerm.Column c) {
            columns.add(c.column());
          }
        }
      }
    }
    return columns;
  }

  /**
   * The OIDs to GET: the profile's identity OIDs (serial, model, firmware, IEEE 1284 device ID),
   * then every meter term that resolves against the walked type columns.
   */
  public static List<Oid> oidsToGet(VendorProfile profile, Map<Oid, Rows> typeColumns) {
    Set<Oid> oids = new LinkedHashSet<>();
    oids.addAll(profile.identityOids());
    for (MeterDefinition m : profile.metersToRead()) {
      for (List<MeterTerm> alternative : m.alternatives()) {
        for (MeterTerm t : alternative) {
          oids.addAll(resolve(typeColumns, t));
        }
      }
    }
    return List.copyOf(oids);
  }

  /**
   * The profile's meters. A meter some of whose terms the device does not have is left out (not
   * every model has every meter); a term answered with something that is not a counter is a
   * failure, and the meter is left out, never stored as a number.
   */
  public static Decoded<List<MeterReading>> decode(
      VendorProfile profile, Map<Oid, Rows> typeColumns, Rows values, Instant at) {
    List<ReadFailure> failures = new ArrayList<>();
    List<MeterReading> out = new ArrayList<>();
    for (MeterDefinition m : profile.metersToRead()) {
      for (List<MeterTerm> alternative : m.alternatives()) {
        Optional<MeterReading> reading =
            sum(failures, typeColumns, values, profile, m, alternative, at);
        if (reading.isPresent()) {
          out.add(reading.get());
          break;
        }
      }
    }
    return new Decoded<>(out, failures);
  }

  /**
   * The OIDs a meter term reads: itself; or the value cell of the row whose cells match (the first
   * such row), or of every such row for a term that adds them up. Empty when no row matches.
   */
  static List<Oid> resolve(Map<Oid, Rows> typeColumns, MeterTerm term) {
    if (term instanceof MeterTerm.Scalar s) {
      return List.of(s.oid());
    }
    if (term instanceof MeterTerm.Column c) {
      List<Oid> cells = new ArrayList<>();
      for (VarBind vb : typeColumns.getOrDefault(c.column(), Rows.empty()).all()) {
        if (vb.oid().startsWith(c.column()) && vb.oid().size() > c.column().size()) {
          cells.add(vb.oid());
        }
      }
      return List.copyOf(cells);
    }
    if (term instanceof MeterTerm.NamedRow n) {
      for (VarBind vb : typeColumns.getOrDefault(n.nameColumn(), Rows.empty()).all()) {
        if (vb.oid().startsWith(n.nameColumn())
            && vb.oid().size() > n.nameColumn().size()
            && vb.value() instanceof SnmpValue.OctetString text
            && clean(text.text(), MAX_TEXT).equals(n.name())) {
          return List.of(n.valueColumn().append(vb.oid().suffixAfter(n.nameColumn())));
        }
      }
      return List.of();
    }
    MeterTerm.TableRow r = (MeterTerm.TableRow) term;
    MeterTerm.Match first = r.where().get(0);
    List<Oid> cells = new ArrayList<>();
    for (VarBind vb : typeColumns.getOrDefault(first.column(), Rows.empty()).all()) {
      if (!vb.oid().startsWith(first.column()) || vb.oid().size() <= first.column().size()) {
        continue;
      }
      int[] row = vb.oid().suffixAfter(first.column());
      if (r.where().stream().allMatch(m -> matches(typeColumns, m, row))) {
        cells.add(r.valueColumn().append(row));
        if (!r.everyRow()) {
          break;
        }
      }
    }
    return List.copyOf(cells);
  }

  private static boolean matches(Map<Oid, Rows> typeColumns, MeterTerm.Match m, int[] row) {
    Optional<SnmpValue> v =
        typeColumns.getOrDefault(m.column(), Rows.empty()).get(m.column().append(row));
    return v.isPresent()
        && v.get().asLong().isPresent()
        && v.get().asLong().getAsLong() == m.value();
  }

  /** One way to read a meter: the sum of its terms, or empty when one is not a counter. */
  private static Optional<MeterReading> sum(
      List<ReadFailure> failures,
      Map<Oid, Rows> typeColumns,
      Rows values,
      VendorProfile profile,
      MeterDefinition m,
      List<MeterTerm> terms,
      Instant at) {
    long sum = 0;
    List<String> oids = new ArrayList<>();
    for (MeterTerm t : terms) {
      List<Oid> cells = resolve(typeColumns, t);
      if (cells.isEmpty()) {
        return Optional.empty();
      }
      for (Oid oid : cells) {
        SnmpValue v = values.at(oid);
        if (v == null || !v.isValue()) {
          return Optional.empty();
        }
        Optional<String> problem = notACounter(v);
        if (problem.isPresent()) {
          failures.add(
              new ReadFailure(profile.make() + " meter " + m.name() + " " + oid, problem.get()));
          return Optional.empty();
        }
        OptionalLong n = counter(v);
        oids.add(oid.toString());
        if (Long.MAX_VALUE - sum < n.getAsLong()) {
          failures.add(
              new ReadFailure(profile.make() + " meter " + m.name(), "sum does not fit 63 bits"));
          return Optional.empty();
        }
        sum += n.getAsLong();
      }
    }
    if (oids.size() > MeterReading.MAX_OIDS) {
      failures.add(
          new ReadFailure(
              profile.make() + " meter " + m.name(),
              "summed from "
                  + oids.size()
                  + " OIDs; a reading names at most "
                  + MeterReading.MAX_OIDS));
      return Optional.empty();
    }
    return Optional.of(MeterReading.summed(m.name(), sum, oids, at));
  }
}
