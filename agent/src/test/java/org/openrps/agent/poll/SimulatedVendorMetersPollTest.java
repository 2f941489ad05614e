package org.openrps.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.openrps.agent.poll.decode.ConfirmedProfiles;
import org.openrps.agent.target.TargetList;
import org.openrps.simulator.SimulatedPrinter;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.profile.VendorProfiles;
import org.openrps.wire.MeterReading;

/**
 * Every vendor meter of the profiles, read over loopback UDP (127.64.x.1) from a simulated printer
 * of its make: its name, its value (what the simulator knows it counted) and every OID of a sum.
 * Meters the shipped profiles keep as leads only (confidence low) are read with the profiles
 * confirmed, and the shipped agent is checked to leave them out.
 */
class SimulatedVendorMetersPollTest {

  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-25T15:00:00Z"), ZoneOffset.UTC);

  /**
   * A meter as the simulator serves it: its name, the placeholders whose counts add up to it ("0"
   * for an OID the model serves as 0), its OIDs; read by the shipped profile or only once
   * confirmed.
   */
  record Meter(String name, String counts, List<String> oids, boolean shipped) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static Meter m(String name, String counts, String... oids) {
    return new Meter(name, counts, List.of(oids), true);
  }

  private static Meter lead(String name, String counts, String... oids) {
    return new Meter(name, counts, List.of(oids), false);
  }

  private static final String HP = "1.3.6.1.4.1.11.2.3.9.4.2.1.";
  private static final String XRX = "1.3.6.1.4.1.253.8.53.13.2.1.6.";
  private static final String RICOH = "1.3.6.1.4.1.367.3.2.1.2.19.5.1.9.";
  private static final String CANON = "1.3.6.1.4.1.1602.1.11.1.3.1.4.";
  private static final String LBP = "1.3.6.1.4.1.1602.1.11.2.1.1.3.";
  private static final String KY = "1.3.6.1.4.1.1347.";
  private static final String KM = "1.3.6.1.4.1.18334.1.1.1.5.7.2.";
  private static final String LEX = "1.3.6.1.4.1.641.6.4.2.1.1.4.";
  private static final String SH = "1.3.6.1.4.1.2385.1.1.19.2.1.3.";
  private static final String EP = "1.3.6.1.4.1.1248.1.2.2.27.";
  private static final String TOSH = "1.3.6.1.4.1.1129.2.3.50.1.3.21.6.1.";
  private static final String SAM = "1.3.6.1.4.1.236.11.5.11.53.11.2.1.7.";
  private static final String OKI = "1.3.6.1.4.1.2001.1.1.1.1.";

  static Stream<Arguments> models() {
    List<Arguments> out = new ArrayList<>();
    out.add(
        Arguments.of(
            "HP Color LaserJet Enterprise M555",
            List.of(
                m("pages", "total", HP + "4.1.2.5.0"),
                m("mono", "mono", HP + "4.1.2.6.0"),
                m("colour", "colour", HP + "4.1.2.7.0"),
                m("duplex", "duplex", HP + "4.1.2.22.0"),
                m("simplex", "simplex", HP + "1.16.1.1.13.0"),
                m("duplex.billing", "duplex", HP + "1.16.1.1.14.0"),
                lead("billing.mono", "mono", HP + "1.16.1.20.1.2.0"),
                lead("billing.colour", "colour", HP + "1.16.1.20.2.2.0"),
                lead("print.mono", "printMono", HP + "1.16.1.44.1.1.0"),
                lead("print.colour", "printColour", HP + "1.16.1.44.2.1.0"),
                lead("copy.mono", "copyMono", HP + "1.16.1.44.1.2.0"),
                lead("copy.colour", "copyColour", HP + "1.16.1.44.2.2.0"),
                lead("fax.mono", "faxMono", HP + "1.16.1.44.1.3.0"),
                lead("copy", "copy", HP + "2.2.1.63.0"))));
    out.add(
        Arguments.of(
            "HP LaserJet Pro MFP M225dw",
            List.of(
                m("pages", "total", HP + "4.1.2.5.0"),
                m("mono", "mono", HP + "4.1.2.6.0"),
                m("duplex", "duplex", HP + "4.1.2.22.0"),
                m("scan.flatbed", "scan", HP + "2.2.1.74.1"))));
    out.add(
        Arguments.of(
            "Xerox AltaLink C8135",
            List.of(
                m("pages", "total", XRX + "1.20.1"),
                m("colour", "colour", XRX + "1.20.33"),
                m("mono", "mono", XRX + "1.20.34"),
                m("copy.mono", "copyMono", XRX + "11.20.3"),
                m("copy.colour", "copyColour", XRX + "11.20.25"),
                m("scan.network", "scanEmail+scanFolder", XRX + "10.20.11", XRX + "10.20.12"),
                lead("colour.large", "largeColour", XRX + "1.20.43"),
                lead("mono.large", "largeMono", XRX + "1.20.44"),
                lead("print.colour.small", "printColourSmall", XRX + "1.20.29"),
                lead("fax.small", "faxSmall", XRX + "1.20.71"))));
    out.add(
        Arguments.of(
            "Ricoh IM C3000",
            List.of(
                m("pages", "total", RICOH + "1"),
                m("copy", "copy", RICOH + "2"),
                m("copy.mono", "copyMono", RICOH + "3"),
                m("copy.colour", "0+copyColour", RICOH + "18", RICOH + "4"),
                m("fax", "fax", RICOH + "5"),
                m("fax.mono", "faxMono", RICOH + "10"),
                m("fax.colour", "0+0", RICOH + "11", RICOH + "12"),
                m("print", "print", RICOH + "6"),
                m("print.mono", "printMono", RICOH + "7"),
                m("print.colour", "0+printColour", RICOH + "17", RICOH + "8"),
                m("transmission", "transmission", RICOH + "9"),
                m("transmission.mono", "transmissionMono", RICOH + "13"),
                m("transmission.fax", "scanFax", RICOH + "14"),
                m("scan.network.colour", "scanNetworkColour", RICOH + "15"),
                m("scan.network.mono", "scanNetworkMono", RICOH + "16"))));
    out.add(
        Arguments.of(
            "Canon iR-ADV C3826",
            List.of(
                m("pages", "total", CANON + "101"),
                m("mono", "largeMono+smallMono", CANON + "112", CANON + "113"),
                m("colour", "largeColour+smallColour", CANON + "122", CANON + "123"),
                m("mono.large", "largeMono", CANON + "112"),
                m("mono.small", "smallMono", CANON + "113"),
                m("colour.large", "largeColour", CANON + "122"),
                m("colour.small", "smallColour", CANON + "123"),
                m("pages2", "total", CANON + "102"),
                m("mono2", "mono", CANON + "109"),
                m("colour2", "colour", CANON + "124"),
                m("print", "print", CANON + "301"),
                m("scan", "scan", CANON + "501"))));
    out.add(
        Arguments.of(
            "Canon i-SENSYS LBP664Cx",
            List.of(
                m("pages", "total", LBP + "1"),
                m("mono", "mono", LBP + "2"),
                m("colour", "colour", LBP + "3"),
                m("mono.small", "mono", LBP + "2"),
                m("colour.small", "colour", LBP + "3"),
                m("print", "print", LBP + "4"))));
    String fn = KY + "42.3.1.";
    out.add(
        Arguments.of(
            "Kyocera ECOSYS M5526cdw",
            List.of(
                m("pages", "total", KY + "43.10.1.1.12.1.1"),
                m("print", "print", fn + "1.1.1.1"),
                m("copy", "copy", fn + "1.1.1.2"),
                m("fax", "fax", fn + "1.1.1.4"),
                m("print.mono", "printMono", fn + "2.1.1.1.1"),
                m("print.singleColour", "0", fn + "2.1.1.1.2"),
                m("print.colour", "printColour", fn + "2.1.1.1.3"),
                m("copy.mono", "copyMono", fn + "2.1.1.2.1"),
                m("copy.singleColour", "0", fn + "2.1.1.2.2"),
                m("copy.colour", "copyColour", fn + "2.1.1.2.3"),
                m("fax.mono", "fax", fn + "2.1.1.4.1"),
                m(
                    "mono",
                    "printMono+copyMono+fax",
                    fn + "2.1.1.1.1",
                    fn + "2.1.1.2.1",
                    fn + "2.1.1.4.1"),
                m("colour", "printColour+copyColour", fn + "2.1.1.1.3", fn + "2.1.1.2.3"),
                m("scan", "scan", KY + "46.10.1.1.5.3"),
                m("scan.copy", "scanCopy", fn + "3.1.1.2"),
                m("scan.fax", "scanFax", fn + "3.1.1.4"),
                m("scan.other", "scanNetwork", fn + "4.1.1.1"),
                m("duplex.front", "simplex", KY + "42.2.5.1.1.1.1"),
                m("duplex.rear", "duplex", KY + "42.2.5.1.1.2.1"),
                m("printer.mono", "mono", KY + "42.2.2.1.1.3.1.1"),
                lead("printer.colour", "colour", KY + "42.2.1.1.1.8.1.1"))));
    String km = KM + "2.1.";
    out.add(
        Arguments.of(
            "Konica Minolta bizhub C300i",
            List.of(
                m("pages", "total", KM + "1.1.0"),
                m("duplex", "duplex", KM + "1.3.0"),
                m("scan.originals", "scan", KM + "1.8.0"),
                m("sheets", "sheets", KM + "1.9.0"),
                m("pages.printed", "total", KM + "1.10.0"),
                m("copy.mono", "copyMono", km + "5.1.1"),
                m("print.mono", "printMono", km + "5.1.2"),
                m("copy.colour", "copyColour", km + "5.2.1"),
                m("print.colour", "printColour", km + "5.2.2"),
                m("copy.singleColour", "0", km + "5.3.1"),
                m("print.singleColour", "0", km + "5.3.2"),
                m("copy.twoColour", "0", km + "5.4.1"),
                m("print.twoColour", "0", km + "5.4.2"),
                m("copy.mono.large", "copyMonoLarge", km + "7.1.1"),
                m("print.mono.large", "printMonoLarge", km + "7.1.2"),
                m("copy.colour.large", "copyColourLarge", km + "7.2.1"),
                m("print.colour.large", "printColourLarge", km + "7.2.2"),
                m("scan", "scan", KM + "3.1.5.1"),
                m("scan.large", "scanLarge", KM + "3.1.6.1"),
                m("scan.network.mono", "scanNetworkMono", KM + "3.1.23.1"),
                m("scan.network.colour", "scanNetworkColour", KM + "3.1.24.1"))));
    out.add(
        Arguments.of(
            "Lexmark CX522ade",
            List.of(
                m("pages", "total", LEX + "1"),
                m("mono", "mono", LEX + "2"),
                m("colour", "colour", LEX + "3"),
                m("print", "print", LEX + "4"),
                m("copy", "copy", LEX + "5"),
                m("fax", "fax", LEX + "6"),
                m("print.mono", "printMono", LEX + "7"),
                m("print.colour", "printColour", LEX + "8"),
                m("copy.mono", "copyMono", LEX + "9"),
                m("copy.colour", "copyColour", LEX + "10"),
                m("fax.mono", "faxMono", LEX + "11"),
                m("fax.colour", "faxColour", LEX + "12"),
                m("blank", "0", LEX + "13"),
                m("blank.print", "0", LEX + "14"),
                m("blank.copy", "0", LEX + "15"),
                m("blank.fax", "0", LEX + "16"))));
    out.add(
        Arguments.of(
            "Sharp MX-3071",
            List.of(
                m("mono", "mono", SH + "5.4.61"),
                m("colour", "colour", SH + "5.4.63"),
                m("twoColour", "0", SH + "5.4.64"),
                m("singleColour", "0", SH + "5.4.80"),
                m("other.mono", "0", SH + "5.5.61"),
                m("other.colour", "0", SH + "5.5.63"),
                m("print", "print", SH + "1.4.60"),
                m("print.mono", "printMono", SH + "1.4.61"),
                m("print.colour", "printColour", SH + "1.4.63"),
                m("duplex", "duplex", SH + "1.4.75"),
                m("copy", "copy", SH + "4.4.60"),
                m("copy.mono", "copyMono", SH + "4.4.61"),
                m("copy.colour", "copyColour", SH + "4.4.63"),
                m("copy.twoColour", "0", SH + "4.4.64"),
                m("copy.singleColour", "0", SH + "4.4.80"),
                m("feeder", "feeder", SH + "6.4.70"),
                m("scan.network", "scanNetwork", SH + "7.4.50"),
                m("scan.network.mono", "scanNetworkMono", SH + "7.4.51"),
                m("scan.network.colour", "scanNetworkColour", SH + "7.4.53"),
                m("scan.hdd", "0", SH + "8.4.50"),
                m("scan.hdd.mono", "0", SH + "8.4.51"),
                m("scan.hdd.colour", "0", SH + "8.4.53"),
                m("scan.hdd.twoColour", "0", SH + "8.4.54"),
                m("filing", "0", SH + "8.4.60"),
                m("filing.mono", "0", SH + "8.4.61"),
                m("filing.colour", "0", SH + "8.4.63"),
                m("filing.twoColour", "0", SH + "8.4.64"),
                m("filing.singleColour", "0", SH + "8.4.80"))));
    String ef = EP + "6.1.";
    out.add(
        Arguments.of(
            "Epson WorkForce Pro WF-C5890",
            List.of(
                m("mono", "mono", EP + "1.1.3.1.1"),
                m("colour", "colour", EP + "1.1.4.1.1"),
                lead("pages", "total", EP + "1.1.30.1.1"),
                m("print", "print", ef + "4.1.1.1"),
                m("print.colour", "printColour", ef + "5.1.1.1"),
                m("copy", "copy", ef + "4.1.1.2"),
                m("copy.colour", "copyColour", ef + "5.1.1.2"),
                lead("print.mono", "printMono", ef + "3.1.1.1"),
                lead("copy.mono", "copyMono", ef + "3.1.1.2"),
                lead("fax", "fax", ef + "4.1.1.3"),
                lead("fax.mono", "faxMono", ef + "3.1.1.3"),
                lead("fax.colour", "faxColour", ef + "5.1.1.3"),
                lead("scan", "scan", ef + "4.1.1.4"),
                lead("scan.mono", "scanMono", ef + "3.1.1.4"),
                lead("scan.colour", "scanColour", ef + "5.1.1.4"))));
    List<Meter> toshiba = new ArrayList<>();
    toshiba.add(lead("pages", "total", TOSH + "3.1.4"));
    String[][] functions = {{"print", "209", "210"}, {"copy", "211", "212"}};
    for (String[] f : functions) {
      for (String[] c : new String[][] {{"colour", "1", "Colour"}, {"mono", "3", "Mono"}}) {
        String large = TOSH + f[1] + ".1." + c[1];
        String small = TOSH + f[2] + ".1." + c[1];
        toshiba.add(
            lead(f[0] + "." + c[0], f[0] + c[2] + "Large+" + f[0] + c[2] + "Small", large, small));
        toshiba.add(lead(f[0] + "." + c[0] + ".large", f[0] + c[2] + "Large", large));
        toshiba.add(lead(f[0] + "." + c[0] + ".small", f[0] + c[2] + "Small", small));
      }
      toshiba.add(lead(f[0] + ".twoColour", "0+0", TOSH + f[1] + ".1.2", TOSH + f[2] + ".1.2"));
    }
    for (String f : new String[] {"scan", "list"}) {
      String large = f.equals("scan") ? "219" : "225";
      String small = f.equals("scan") ? "220" : "226";
      for (String[] c : new String[][] {{"colour", "1"}, {"twoColour", "2"}, {"mono", "3"}}) {
        toshiba.add(
            lead(f + "." + c[0], "0+0", TOSH + large + ".1." + c[1], TOSH + small + ".1." + c[1]));
        toshiba.add(lead(f + "." + c[0] + ".large", "0", TOSH + large + ".1." + c[1]));
        toshiba.add(lead(f + "." + c[0] + ".small", "0", TOSH + small + ".1." + c[1]));
      }
    }
    toshiba.add(
        lead(
            "mono",
            "printMono+copyMono",
            TOSH + "209.1.3",
            TOSH + "210.1.3",
            TOSH + "211.1.3",
            TOSH + "212.1.3",
            TOSH + "225.1.3",
            TOSH + "226.1.3"));
    toshiba.add(
        lead(
            "colour",
            "printColour+copyColour",
            Stream.of("209", "210", "211", "212", "225", "226")
                .flatMap(n -> Stream.of(TOSH + n + ".1.1", TOSH + n + ".1.2"))
                .toArray(String[]::new)));
    toshiba.add(lead("print.twoColour.large", "0", TOSH + "209.1.2"));
    toshiba.add(lead("print.twoColour.small", "0", TOSH + "210.1.2"));
    toshiba.add(lead("copy.twoColour.large", "0", TOSH + "211.1.2"));
    toshiba.add(lead("copy.twoColour.small", "0", TOSH + "212.1.2"));
    out.add(Arguments.of("Toshiba e-STUDIO 3515AC", toshiba));
    out.add(
        Arguments.of(
            "Samsung MultiXpress X4300LX",
            List.of(
                lead("print", "print", SAM + "1", SAM + "2", SAM + "3", SAM + "4"),
                lead("print.small", "printMonoSmall+printColourSmall", SAM + "1", SAM + "2"),
                lead("print.large", "printMonoLarge+printColourLarge", SAM + "3", SAM + "4"),
                lead("copy", "copy", SAM + "5", SAM + "6", SAM + "7", SAM + "8"),
                lead("copy.small", "copyMonoSmall+copyColourSmall", SAM + "5", SAM + "6"),
                lead("copy.large", "copyMonoLarge+copyColourLarge", SAM + "7", SAM + "8"),
                lead("fax.received", "fax", SAM + "9"),
                lead("fax.sent", "scanFax", SAM + "10"),
                lead("scan", "scan", SAM + "11"),
                lead("list", "0", SAM + "12"))));
    out.add(
        Arguments.of(
            "OKI C650",
            List.of(
                lead("pages", "total", OKI + "100.1.1.1.3.1"),
                lead("mono", "mono", OKI + "11.1.10.170.1.7.3"),
                lead("colour", "colour", OKI + "11.1.10.170.1.8.3"))));
    for (int i = 0; i < out.size(); i++) {
      Object[] a = out.get(i).get();
      out.set(i, Arguments.of(a[0], a[1], i + 1));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("models")
  void everyVendorMeterIsReadWithItsValueAndEveryOidOfItsSum(
      String model, List<Meter> meters, int n) throws Exception {
    SimulatorConfig config =
        new SimulatorConfig(1, InetAddress.getByName("127.64." + n + ".1"), 0, "public", 64)
            .withMix(Map.of(model, 1));
    try (Simulator sim = Simulator.start(config, CLOCK);
        SnmpClient client = Snmp.openClient()) {
      SimulatedPrinter printer = sim.printers().get(0);
      assertThat(printer.make() + " " + printer.model()).isEqualTo(model);
      String address = printer.address().getAddress().getHostAddress();

      Map<String, MeterReading> shipped = read(client, sim, address, VendorProfiles.standard());
      Map<String, MeterReading> confirmed = read(client, sim, address, ConfirmedProfiles.all());

      // the shipped agent reads exactly the meters that are not leads, plus prtMarkerLifeCount
      assertThat(shipped.keySet())
          .containsExactlyInAnyOrderElementsOf(
              Stream.concat(
                      Stream.of("total"), meters.stream().filter(Meter::shipped).map(Meter::name))
                  .toList());
      assertThat(confirmed.keySet())
          .containsExactlyInAnyOrderElementsOf(
              Stream.concat(Stream.of("total"), meters.stream().map(Meter::name)).toList());
      for (Meter meter : meters) {
        MeterReading reading = (meter.shipped() ? shipped : confirmed).get(meter.name());
        long truth =
            Arrays.stream(meter.counts().split("\\+"))
                .mapToLong(
                    c ->
                        c.equals("0")
                            ? 0
                            : printer
                                .count(c)
                                .orElseThrow(() -> new AssertionError("no count " + c)))
                .sum();
        assertThat(reading.value()).as("%s %s", model, meter.name()).isEqualTo(truth);
        assertThat(reading.oids()).as("%s %s", model, meter.name()).isEqualTo(meter.oids());
        assertThat(reading.oid()).isEqualTo(meter.oids().get(0));
      }
      // the fixtures count something: not every meter is 0
      assertThat(confirmed.values()).anySatisfy(r -> assertThat(r.value()).isPositive());
    }
  }

  private static Map<String, MeterReading> read(
      SnmpClient client, Simulator sim, String address, VendorProfiles profiles) throws Exception {
    PollSettings settings =
        new PollSettings(
            sim.printers().get(0).address().getPort(), "public", Duration.ofSeconds(1), 2, 8);
    try (Poller poller = new Poller(client, settings, CLOCK, profiles)) {
      ScanResult result = poller.scan(TargetList.of(address));
      assertThat(result.printers()).hasSize(1);
      PolledDevice device = result.printers().get(0);
      assertThat(device.failures()).isEmpty();
      return device.snapshot().counters().stream()
          .collect(Collectors.toMap(MeterReading::name, r -> r));
    }
  }
}
