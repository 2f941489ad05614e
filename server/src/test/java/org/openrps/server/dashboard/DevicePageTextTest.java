package org.openrps.server.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openrps.server.asr.AsrRoutes;
import org.openrps.server.http.ApiException;

/** The device page's words: the SNMP rule, the command form's parameters, the days to empty. */
class DevicePageTextTest {

  private static final Instant NOW = Instant.parse("2026-11-30T12:00:00Z");

  @Test
  void theTitleNamesTheMakeOnceWhenTheModelAlreadyStartsWithIt() {
    assertThat(DeviceSection.makeAndModel("Konica Minolta", "KONICA MINOLTA bizhub C300i"))
        .isEqualTo("KONICA MINOLTA bizhub C300i");
    assertThat(DeviceSection.makeAndModel("HP", "HP LaserJet M507")).isEqualTo("HP LaserJet M507");
    assertThat(DeviceSection.makeAndModel("Lexmark", "MS821")).isEqualTo("Lexmark MS821");
    // a model that starts with the make's letters but another word keeps the make
    assertThat(DeviceSection.makeAndModel("HP", "HPE Printer")).isEqualTo("HP HPE Printer");
    assertThat(DeviceSection.makeAndModel("Canon", "")).isEqualTo("Canon");
  }

  @Test
  void snmpPosturesAreWeakAsTheAgentsAuditSaysAndSha2WithAesIsNot() {
    assertThat(SnmpPostureCheck.weaknesses(Optional.of("v1"), Optional.of("community")))
        .containsExactly("SNMPv1: the community travels in clear");
    assertThat(SnmpPostureCheck.weaknesses(Optional.of("v3"), Optional.of("noAuthNoPriv")))
        .singleElement()
        .asString()
        .contains("no authentication");
    assertThat(SnmpPostureCheck.weaknesses(Optional.of("v3"), Optional.of("authNoPriv SHA-256")))
        .singleElement()
        .asString()
        .contains("no privacy");
    assertThat(SnmpPostureCheck.weaknesses(Optional.of("v3"), Optional.of("authPriv MD5/DES")))
        .hasSize(2);
    assertThat(
            SnmpPostureCheck.weaknesses(Optional.of("v3"), Optional.of("authPriv SHA-1/AES-128")))
        .singleElement()
        .asString()
        .contains("SHA-1");
    assertThat(
            SnmpPostureCheck.weaknesses(Optional.of("v3"), Optional.of("authPriv SHA-512/AES-256")))
        .isEmpty();
    assertThat(SnmpPostureCheck.weaknesses(Optional.empty(), Optional.empty())).isEmpty();
  }

  @Test
  void parametersAreKeyValueLinesAndAnythingElseIsRefusedWithTheLine() {
    assertThat(DeviceSection.parseParams("location = Floor 2\r\n\n contact=a=b "))
        .containsExactly(
            java.util.Map.entry("location", "Floor 2"), java.util.Map.entry("contact", "a=b"));
    assertThat(DeviceSection.parseParams("")).isEmpty();
    assertThatThrownBy(() -> DeviceSection.parseParams("a=1\nnonsense"))
        .isInstanceOf(ApiException.class)
        .hasMessage("parameter line 2 is not key=value: nonsense");
    assertThatThrownBy(() -> DeviceSection.parseParams("=1"))
        .hasMessage("parameter line 1 is not key=value: =1");
    assertThatThrownBy(() -> DeviceSection.parseParams("a=1\na=2"))
        .hasMessage("parameter a is given twice");
  }

  private static AsrRoutes.ForecastView forecast(
      Double level, Double perDay, Double low, Double high, Instant emptySince) {
    return new AsrRoutes.ForecastView(
        1, "Black", null, level, NOW, null, perDay, perDay, perDay, low, high, null, emptySince);
  }

  @Test
  void daysToEmptyAreARangeOrSayWhyThereIsNone() {
    assertThat(DeviceSection.forecastText(forecast(50.0, 5.0, 8.4, 12.6, null), NOW))
        .contains("empty in 8–13 days");
    assertThat(DeviceSection.forecastText(forecast(50.0, 5.0, 3.2, 3.4, null), NOW))
        .contains("class=\"low\"", "empty in 3 days");
    assertThat(DeviceSection.forecastText(forecast(50.0, null, null, null, null), NOW))
        .contains("not enough data");
    assertThat(DeviceSection.forecastText(forecast(50.0, 0.0, null, null, null), NOW))
        .contains("not being used up");
    assertThat(DeviceSection.forecastText(forecast(50.0, 1.0, 40.0, null, null), NOW))
        .contains("empty in 40 days or more");
    assertThat(DeviceSection.forecastText(forecast(0.0, 5.0, 0.0, 0.0, NOW), NOW))
        .contains("empty since");
    assertThat(DeviceSection.forecastText(null, NOW)).contains("no forecast");
    assertThat(DeviceSection.band(forecast(50.0, 0.01, 5_000.0, 9_000.0, null), NOW))
        .hasValueSatisfying(
            b -> assertThat(b.high()).isEqualTo(NOW.plus(DeviceSection.BAND_HORIZON)));
  }
}
