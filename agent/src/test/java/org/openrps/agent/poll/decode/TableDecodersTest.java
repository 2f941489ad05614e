package org.openrps.agent.poll.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.openrps.agent.poll.decode.RowsFixture.rows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openrps.agent.poll.ReadFailure;
import org.openrps.snmp.mib.PrinterMibNames;
import org.openrps.wire.AlertReading;
import org.openrps.wire.DeviceStatus;
import org.openrps.wire.InputTray;
import org.openrps.wire.InstalledOption;

/** Alerts, trays, options and status, each from rows alone. */
class TableDecodersTest {

  private static final PrinterMibNames NAMES = PrinterMibNames.standard();
  private static final String A = "1.3.6.1.2.1.43.18.1.1.";
  private static final String I = "1.3.6.1.2.1.43.8.2.1.";
  private static final String D = "1.3.6.1.2.1.25.3.2.1.";

  @Test
  void alertsAreNamedByThePrinterMibAndARowWithoutACodeIsAFailure() {
    Decoded<java.util.List<AlertReading>> d =
        AlertDecoder.decode(
            rows()
                .integer(A + "2.1.4", 4)
                .integer(A + "3.1.4", 3)
                .integer(A + "4.1.4", 11)
                .integer(A + "7.1.4", 1101)
                .text(A + "8.1.4", "Toner empty")
                .integer(A + "2.1.5", 3)
                .walked(),
            1,
            NAMES);
    assertThat(d.value())
        .extracting(AlertReading::index, AlertReading::severity, AlertReading::code)
        .containsExactly(tuple(4, "warning", "markerTonerEmpty"));
    assertThat(d.value().get(0).description()).isEqualTo("Toner empty");
    assertThat(d.failures())
        .containsExactly(
            new ReadFailure("prtAlertTable row 5", "severity or code missing or not an integer"));
  }

  @Test
  void traysKeepTheirFiguresAsSentAndATrayWithoutThemIsLeftOut() {
    Decoded<java.util.List<InputTray>> d =
        TrayDecoder.decode(
            rows()
                .integer(I + "9.1.1", 250)
                .integer(I + "10.1.1", -3)
                .text(I + "12.1.1", "A4")
                .text(I + "13.1.1", "Tray 1")
                .integer(I + "9.1.2", 500)
                .walked(),
            1);
    assertThat(d.value())
        .extracting(
            InputTray::index, InputTray::name, InputTray::maxCapacity, InputTray::currentLevel)
        .containsExactly(tuple(1, "Tray 1", 250, -3));
    assertThat(d.value().get(0).mediaName()).hasValue("A4");
  }

  @Test
  void optionsAreTheOtherDevicesOfHrDeviceTable() {
    Decoded<java.util.List<InstalledOption>> d =
        OptionDecoder.decode(
            rows()
                .objectId(D + "2.1", "1.3.6.1.2.1.25.3.1.5")
                .objectId(D + "2.2", "1.3.6.1.2.1.25.3.1.6")
                .text(D + "3.2", "Hard disk")
                .integer(D + "5.2", 2)
                .walked(),
            1,
            NAMES);
    assertThat(d.value())
        .extracting(InstalledOption::index, InstalledOption::type, InstalledOption::description)
        .containsExactly(tuple(2, "diskStorage", "Hard disk"));
    assertThat(d.value().get(0).status()).hasValue("running");
  }

  @Test
  void statusNamesPrinterStateErrorBitsAndUptime() {
    Rows discovery = rows().ticks("1.3.6.1.2.1.1.3.0", 12_345_600).integer(D + "5.1", 3).build();
    Decoded<DeviceStatus> d =
        StatusDecoder.decode(
            rows()
                .integer("1.3.6.1.2.1.25.3.5.1.1.1", 3)
                .bytes("1.3.6.1.2.1.25.3.5.1.2.1", 0x14, 0)
                .walked(),
            discovery,
            1);
    assertThat(d.value().printerStatus()).isEqualTo("idle");
    assertThat(d.value().errors()).containsExactly("noToner", "jammed");
    assertThat(d.value().deviceStatus()).isEqualTo(Optional.of("warning"));
    assertThat(d.value().uptimeSeconds()).hasValue(123_456L);
    assertThat(d.failures()).isEmpty();
    assertThat(StatusDecoder.decode(rows().walked(), discovery, 1).failures())
        .extracting(ReadFailure::what)
        .containsExactly("hrPrinterStatus", "hrPrinterDetectedErrorState");
  }
}
