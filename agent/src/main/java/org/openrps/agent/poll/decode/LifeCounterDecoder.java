package org.openrps.agent.poll.decode;

import static org.openrps.agent.poll.decode.Values.counter;
import static org.openrps.agent.poll.decode.Values.notACounter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.openrps.agent.poll.ReadFailure;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.wire.MeterReading;

/**
 * prtMarkerLifeCount rows as meters: each row one {@link MeterReading} with its exact OID. The
 * printer's first marker (lowest marker index) is {@link MeterReading#TOTAL}; any further marker
 * {@code N} is {@code total.markerN}. They are not summed: one marker's life count is what RFC 3805
 * defines, and a sum of markers (e.g. a colour engine's) would count pages twice.
 */
public final class LifeCounterDecoder {

  static final String TABLE = "prtMarkerLifeCount";

  /** The most meters kept from one device. */
  public static final int MAX_METERS = 512;

  private LifeCounterDecoder() {}

  /**
   * @param lifeCount the prtMarkerLifeCount walk
   * @param deviceIndex the printer's hrDeviceIndex: its rows are taken, or any when it has none
   */
  public static Decoded<List<MeterReading>> decode(Walked lifeCount, int deviceIndex) {
    List<ReadFailure> failures = new ArrayList<>();
    TreeMap<Integer, VarBind> mine = new TreeMap<>();
    TreeMap<Integer, VarBind> any = new TreeMap<>();
    for (VarBind vb : lifeCount.rows().under(StandardMib.PRT_MARKER_LIFE_COUNT)) {
      if (!vb.value().isValue()) {
        continue;
      }
      int[] index = vb.oid().suffixAfter(StandardMib.PRT_MARKER_LIFE_COUNT);
      if (index.length != 2) {
        continue;
      }
      (index[0] == deviceIndex ? mine : any).putIfAbsent(index[1], vb);
    }
    TreeMap<Integer, VarBind> rows = mine.isEmpty() ? any : mine;
    List<MeterReading> out = new ArrayList<>();
    boolean first = true;
    for (Map.Entry<Integer, VarBind> row : rows.entrySet()) {
      String meter = first ? MeterReading.TOTAL : MeterReading.TOTAL + ".marker" + row.getKey();
      first = false;
      Optional<String> problem = notACounter(row.getValue().value());
      if (problem.isPresent()) {
        failures.add(new ReadFailure(TABLE + " " + row.getValue().oid(), problem.get()));
        continue;
      }
      OptionalLong value = counter(row.getValue().value());
      if (out.size() < MAX_METERS) {
        out.add(
            new MeterReading(
                meter, value.getAsLong(), row.getValue().oid().toString(), lifeCount.readAt()));
      }
    }
    if (rows.isEmpty() && !lifeCount.failed()) {
      failures.add(new ReadFailure(TABLE, "no rows"));
    }
    return new Decoded<>(out, failures);
  }
}
