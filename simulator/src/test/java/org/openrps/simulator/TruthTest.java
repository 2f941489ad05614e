package org.openrps.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openrps.snmp.Oid;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpTarget;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.mib.StandardMib;

class TruthTest {

  private static final Instant START = Instant.parse("2026-03-02T00:00:00Z");
  private static final Duration STEP = Duration.ofMinutes(5);

  private static Simulator lively(int printers, Clock clock) throws Exception {
    SimulatorConfig config =
        new SimulatorConfig(printers, InetAddress.getByName("127.87.0.1"), 0, "public", 11)
            .withLife(Life.lively().withNightOffShare(0.3));
    return Simulator.start(config, clock);
  }

  @Test
  void theTruthOfAnInstantIsWhatThePrinterAnswersOverSnmpThen() throws Exception {
    Clock clock = Clock.fixed(START.plus(Duration.ofHours(35)), ZoneOffset.UTC);
    try (Simulator sim = lively(6, clock);
        SnmpClient client = Snmp.openClient()) {
      for (SimulatedPrinter p : sim.printers()) {
        PrinterTruth truth = p.truthAt(clock.instant()).orElseThrow();
        List<VarBind> got =
            client
                .get(
                    new SnmpTarget(
                        p.address(),
                        SnmpCredentials.Community.v2c("public"),
                        Duration.ofSeconds(2),
                        2),
                    List.of(
                        StandardMib.PRT_MARKER_LIFE_COUNT.append(1, 1),
                        StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(1),
                        Oid.of("1.3.6.1.2.1.43.11.1.1.9.1.1")))
                .join();
        assertThat(got.get(0).value())
            .isEqualTo(new SnmpValue.Counter32(truth.lifeCount() & 0xFFFF_FFFFL));
        assertThat(((SnmpValue.OctetString) got.get(1).value()).text()).isEqualTo(truth.serial());
        assertThat(truth.lifeCount()).isEqualTo(p.totalPages());
        assertThat(truth.counts().get("total")).isEqualTo(truth.lifeCount());
        assertThat(truth.supplies()).isNotEmpty();
      }
    }
  }

  @Test
  void aMonthOfEventsIsConsistentWithTheTruthOfEachInstant() throws Exception {
    Clock clock = Clock.fixed(START, ZoneOffset.UTC);
    try (Simulator sim = lively(20, clock)) {
      Instant end = START.plus(Duration.ofDays(30));
      List<TruthEvent> events = Truth.events(sim.printers(), START, end, STEP);

      Map<TruthEvent.Kind, Long> kinds =
          events.stream().collect(Collectors.groupingBy(TruthEvent::kind, Collectors.counting()));
      assertThat(kinds.keySet())
          .contains(
              TruthEvent.Kind.poweredOff,
              TruthEvent.Kind.poweredOn,
              TruthEvent.Kind.faultRaised,
              TruthEvent.Kind.faultCleared,
              TruthEvent.Kind.supplyReplaced,
              TruthEvent.Kind.deviceReplaced);
      Map<String, SimulatedPrinter> byAddress =
          sim.printers().stream()
              .collect(
                  Collectors.toMap(
                      p -> p.truthAt(START).orElseThrow().address(), p -> p, (a, b) -> a));
      for (TruthEvent e : events) {
        Instant at = Instant.parse(e.at());
        SimulatedPrinter p =
            sim.printers().stream()
                .filter(x -> x.truthAt(at).orElseThrow().address().equals(e.address()))
                .findFirst()
                .orElseThrow();
        PrinterTruth now = p.truthAt(at).orElseThrow();
        PrinterTruth before = p.truthAt(at.minus(STEP)).orElseThrow();
        switch (e.kind()) {
          case poweredOff ->
              assertThat(before.powered() && !now.powered()).as(e.toString()).isTrue();
          case poweredOn ->
              assertThat(!before.powered() && now.powered()).as(e.toString()).isTrue();
          case faultRaised -> {
            assertThat(now.faults()).as(e.toString()).contains(e.detail());
            assertThat(before.faults()).as(e.toString()).doesNotContain(e.detail());
          }
          case faultCleared -> {
            assertThat(before.faults()).as(e.toString()).contains(e.detail());
            assertThat(now.faults()).as(e.toString()).doesNotContain(e.detail());
          }
          case supplyEmptied, supplyReplaced -> {
            int index = Integer.parseInt(e.detail().split(" ", 2)[0]);
            double left = now.supplies().get(index - 1).remaining();
            double was = before.supplies().get(index - 1).remaining();
            if (e.kind() == TruthEvent.Kind.supplyEmptied) {
              assertThat(left).as(e.toString()).isZero();
              assertThat(was).as(e.toString()).isPositive();
            } else {
              assertThat(left).as(e.toString()).isGreaterThan(was);
            }
          }
          case deviceReplaced -> {
            assertThat(now.serial()).isNotEqualTo(before.serial()).isEqualTo(e.serial());
            assertThat(before.serial()).isEqualTo(e.detail());
          }
        }
      }
      assertThat(byAddress).hasSize(20);
      // a printer that prints around the clock is never switched off
      long alwaysOn =
          sim.printers().stream()
              .filter(
                  p ->
                      events.stream()
                          .noneMatch(
                              e ->
                                  e.kind() == TruthEvent.Kind.poweredOff
                                      && e.serial()
                                          .equals(p.truthAt(START).orElseThrow().serial())))
              .count();
      assertThat(alwaysOn).isBetween(1L, 19L);
    }
  }

  @Test
  void theTruthIsServedOverHttpOnLoopbackAndABadQueryGetsA400() throws Exception {
    Clock clock = Clock.fixed(START, ZoneOffset.UTC);
    try (Simulator sim = lively(3, clock);
        TruthServer server = TruthServer.start(sim.printers(), clock, 0)) {
      HttpClient http = HttpClient.newHttpClient();
      String base = "http://127.0.0.1:" + server.port() + "/truth/";
      HttpResponse<String> printers =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "printers?at=2026-03-03T12:00:00Z")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(printers.statusCode()).isEqualTo(200);
      JsonNode list = new ObjectMapper().readTree(printers.body());
      assertThat(list).hasSize(3);
      PrinterTruth first =
          sim.printers().get(0).truthAt(Instant.parse("2026-03-03T12:00:00Z")).orElseThrow();
      assertThat(list.get(0).get("lifeCount").asLong()).isEqualTo(first.lifeCount());
      assertThat(list.get(0).get("serial").asText()).isEqualTo(first.serial());

      HttpResponse<String> events =
          http.send(
              HttpRequest.newBuilder(
                      URI.create(base + "events?from=2026-03-02T00:00:00Z&to=2026-03-04T00:00:00Z"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(events.statusCode()).isEqualTo(200);
      assertThat(new ObjectMapper().readTree(events.body()).size())
          .isEqualTo(
              Truth.events(
                      sim.printers(),
                      START,
                      Instant.parse("2026-03-04T00:00:00Z"),
                      Truth.DEFAULT_STEP)
                  .size());

      HttpResponse<String> bad =
          http.send(
              HttpRequest.newBuilder(URI.create(base + "events?from=yesterday&to=now")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(bad.statusCode()).isEqualTo(400);
      assertThat(bad.body()).contains("from is not an ISO-8601 instant: yesterday");
    }
  }

  @Test
  void aReversedIntervalOrAnUnboundedLookIsRefused() throws Exception {
    Clock clock = Clock.fixed(START, ZoneOffset.UTC);
    try (Simulator sim = lively(2, clock)) {
      assertThatThrownBy(() -> Truth.events(sim.printers(), START, START, STEP))
          .hasMessageContaining("must be after");
      assertThatThrownBy(
              () ->
                  Truth.events(
                      sim.printers(),
                      START,
                      START.plus(Duration.ofDays(3650)),
                      Duration.ofMillis(1)))
          .hasMessageContaining("too many looks");
    }
  }
}
