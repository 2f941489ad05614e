package org.openrps.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openrps.snmp.Oid;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpTarget;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.testkit.MutableClock;
import org.openrps.testkit.NetSnmp;

/** 20 printers on 127.77.0.x, read with our client and with net-snmp's tools. */
class SimulatorTest {

  private static final Instant START = Instant.parse("2026-03-02T08:00:00Z");
  private static final Map<String, Integer> ENTERPRISES =
      Map.of(
          "HP",
          11,
          "Xerox",
          253,
          "Ricoh",
          367,
          "Canon",
          1602,
          "Kyocera",
          1347,
          "Konica Minolta",
          18334,
          "Lexmark",
          641,
          "Brother",
          2435,
          "Sharp",
          2385,
          "Epson",
          1248);

  private static MutableClock clock;
  private static Simulator simulator;
  private static SnmpClient client;

  @BeforeAll
  static void start() throws IOException {
    clock = MutableClock.at(START);
    simulator =
        Simulator.start(
            SimulatorConfig.defaults(20)
                .withFirstAddress(InetAddress.getByName("127.77.0.1"))
                .withPort(0),
            clock);
    client = Snmp.openClient();
  }

  @AfterAll
  static void stop() {
    client.close();
    simulator.close();
  }

  @Test
  void printersAnswerOnConsecutiveAddressesOfOnePort() {
    List<SimulatedPrinter> printers = simulator.printers();
    assertThat(printers).hasSize(20);
    assertThat(printers.get(0).address().getAddress().getHostAddress()).isEqualTo("127.77.0.1");
    assertThat(printers.get(19).address().getAddress().getHostAddress()).isEqualTo("127.77.0.20");
    assertThat(printers).extracting(p -> p.address().getPort()).containsOnly(port());
  }

  @Test
  void theFleetHasManyMakesWithUniqueSerials() {
    assertThat(simulator.printers().stream().map(SimulatedPrinter::make).distinct().count())
        .isGreaterThanOrEqualTo(6);
    assertThat(simulator.printers()).extracting(SimulatedPrinter::serial).doesNotHaveDuplicates();
  }

  @Test
  void everyPrinterAnswersItsIdentityToOurClient() {
    for (SimulatedPrinter printer : simulator.printers()) {
      List<VarBind> answer =
          client
              .get(
                  v2c(printer),
                  List.of(
                      StandardMib.SYS_OBJECT_ID,
                      StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(1),
                      StandardMib.PRT_MARKER_LIFE_COUNT.append(1, 1),
                      StandardMib.HR_DEVICE_TYPE.append(1),
                      StandardMib.IF_PHYS_ADDRESS.append(1)))
              .join();
      Oid sysObjectId = ((SnmpValue.ObjectId) answer.get(0).value()).value();
      assertThat(
              sysObjectId.startsWith(
                  StandardMib.ENTERPRISES.append(ENTERPRISES.get(printer.make()))))
          .as(printer.toString())
          .isTrue();
      assertThat(((SnmpValue.OctetString) answer.get(1).value()).text())
          .isEqualTo(printer.serial());
      assertThat(answer.get(2).value()).isEqualTo(new SnmpValue.Counter32(printer.totalPages()));
      assertThat(answer.get(3).value())
          .isEqualTo(new SnmpValue.ObjectId(StandardMib.HR_DEVICE_PRINTER));
      assertThat(((SnmpValue.OctetString) answer.get(4).value()).bytes()).hasSize(6);
    }
  }

  @Test
  void serialsFollowTheMakesFormats() {
    ModelCatalog catalog = ModelCatalog.builtIn();
    for (SimulatedPrinter printer : simulator.printers()) {
      String pattern =
          catalog.models().stream()
              .filter(m -> m.make().equals(printer.make()) && m.model().equals(printer.model()))
              .findFirst()
              .orElseThrow()
              .serialPattern()
              .replace("#", "\\d")
              .replace("@", "[A-Z]");
      assertThat(printer.serial()).as(printer.make()).matches(pattern);
    }
  }

  @Test
  void v1AndV2cWalksOfTheWholeMibAgree() {
    SimulatedPrinter printer = simulator.printers().get(3);
    List<VarBind> v2c = client.walk(v2c(printer), Oid.of("1.3")).join();
    List<VarBind> v1 = client.walk(v1(printer), Oid.of("1.3")).join();
    assertThat(v1).isEqualTo(v2c);
    assertThat(v2c)
        .extracting(VarBind::oid)
        .contains(
            StandardMib.SYS_DESCR,
            StandardMib.SYS_UP_TIME,
            StandardMib.SYS_NAME,
            StandardMib.SYS_LOCATION,
            StandardMib.HR_DEVICE_DESCR.append(1),
            StandardMib.HR_DEVICE_STATUS.append(1),
            StandardMib.HR_PRINTER_STATUS.append(1),
            StandardMib.HR_PRINTER_DETECTED_ERROR_STATE.append(1));
  }

  @Test
  void countersRiseAndTonerDrainsAsTheClockMoves() {
    SimulatedPrinter printer =
        simulator.printers().stream().filter(p -> p.make().equals("HP")).findFirst().orElseThrow();
    long before = printer.totalPages();
    List<VarBind> levelsBefore = levels(printer);

    clock.advance(Duration.ofHours(100));

    long after = printer.totalPages();
    assertThat(after).isGreaterThan(before);
    assertThat(
            client
                .get(v2c(printer), List.of(StandardMib.PRT_MARKER_LIFE_COUNT.append(1, 1)))
                .join()
                .get(0)
                .value())
        .isEqualTo(new SnmpValue.Counter32(after));
    List<VarBind> levelsAfter = levels(printer);
    assertThat(level(levelsAfter, 1)).isLessThan(level(levelsBefore, 1));

    clock.advance(Duration.ofDays(3650));
    for (VarBind level : levels(printer)) {
      assertThat(level.value().asLong().orElseThrow()).isZero();
    }
    byte[] errors =
        ((SnmpValue.OctetString)
                client
                    .get(
                        v2c(printer),
                        List.of(StandardMib.HR_PRINTER_DETECTED_ERROR_STATE.append(1)))
                    .join()
                    .get(0)
                    .value())
            .bytes();
    assertThat(StandardMib.decodePrinterErrors(errors)).contains("noToner");
  }

  @Test
  void aSecondFleetWithTheSameSeedIsTheSameFleet() {
    SimulatorConfig config =
        SimulatorConfig.defaults(20).withFirstAddress(InetAddress.getLoopbackAddress());
    List<SimulatedPrinter> again = Simulator.printersOf(config, clock, 0, 0, 20);
    for (int i = 0; i < 20; i++) {
      assertThat(again.get(i).serial()).isEqualTo(simulator.printers().get(i).serial());
      assertThat(again.get(i).model()).isEqualTo(simulator.printers().get(i).model());
    }
  }

  @Test
  void netSnmpGetReadsSysDescrAndSerial() throws Exception {
    SimulatedPrinter printer = simulator.printers().get(0);
    String out =
        succeeded(
            NetSnmp.v2c("public")
                .withOptions("-Oe")
                .get(
                    printer.address(),
                    "1.3.6.1.2.1.1.1.0",
                    "1.3.6.1.2.1.43.5.1.1.17.1",
                    "1.3.6.1.2.1.1.2.0"));
    assertThat(out).contains(".1.3.6.1.2.1.1.1.0 = STRING:");
    assertThat(out).contains(printer.serial());
    assertThat(out).contains("OID: .1.3.6.1.4.1." + ENTERPRISES.get(printer.make()) + ".");
  }

  @Test
  void netSnmpGetSeesNoSuchInstanceAndNoSuchObject() throws Exception {
    String out =
        succeeded(
            NetSnmp.v2c("public")
                .get(
                    simulator.printers().get(1).address(),
                    "1.3.6.1.2.1.1.1.1",
                    "1.3.6.1.2.1.99.0"));
    assertThat(out).contains("No Such Instance").contains("No Such Object");
  }

  @Test
  void netSnmpBulkWalkReadsTheSuppliesTable() throws Exception {
    SimulatedPrinter printer = simulator.printers().get(2);
    int supplies = walkOurs(printer, StandardMib.PRT_MARKER_SUPPLIES_LEVEL).size();
    String out =
        succeeded(
            NetSnmp.v2c("public")
                .withOptions("-Cr20")
                .bulkWalk(printer.address(), "1.3.6.1.2.1.43.11"));
    List<String> lines = out.lines().filter(l -> l.startsWith(".1.3.6.1.2.1.43.11.")).toList();
    assertThat(lines).hasSize(8 * supplies); // columns 2 to 9
    assertThat(out).doesNotContain("OID not increasing").doesNotContain("Timeout");
  }

  @Test
  void netSnmpV1WalkReadsEverything() throws Exception {
    SimulatedPrinter printer = simulator.printers().get(4);
    int expected = walkOurs(printer, Oid.of("1.3")).size();
    String out = succeeded(NetSnmp.v1("public").walk(printer.address(), "1.3"));
    assertThat(out.lines().filter(l -> l.startsWith(".1.3.")).count()).isEqualTo(expected);
    assertThat(out).contains(".1.3.6.1.2.1.43.10.2.1.4.1.1 = Counter32: ");
  }

  @Test
  void aWrongCommunityGetsNoAnswer() {
    SnmpTarget wrong =
        new SnmpTarget(
            simulator.printers().get(0).address(),
            SnmpCredentials.Community.v2c("private"),
            Duration.ofMillis(200),
            0);
    assertThat(client.get(wrong, List.of(StandardMib.SYS_DESCR)))
        .failsWithin(Duration.ofSeconds(5));
  }

  private static List<VarBind> levels(SimulatedPrinter printer) {
    return walkOurs(printer, StandardMib.PRT_MARKER_SUPPLIES_LEVEL);
  }

  private static long level(List<VarBind> levels, int row) {
    return levels.get(row - 1).value().asLong().orElseThrow();
  }

  private static List<VarBind> walkOurs(SimulatedPrinter printer, Oid root) {
    return client.walk(v2c(printer), root).join();
  }

  private static int port() {
    return simulator.printers().get(0).address().getPort();
  }

  private static SnmpTarget v2c(SimulatedPrinter printer) {
    return new SnmpTarget(
        printer.address(), SnmpCredentials.Community.v2c("public"), Duration.ofSeconds(2), 1);
  }

  private static SnmpTarget v1(SimulatedPrinter printer) {
    return new SnmpTarget(
        printer.address(), SnmpCredentials.Community.v1("public"), Duration.ofSeconds(2), 1);
  }

  /** The output of a net-snmp tool that exited 0 (the test fails otherwise). */
  private static String succeeded(NetSnmp.Result result) {
    assertThat(result.exitCode()).as(result.output()).isZero();
    return result.output();
  }
}
