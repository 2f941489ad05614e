package org.openrps.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openrps.snmp.Snmp;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpTarget;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.mib.StandardMib;

/** 2 worker processes x 50 printers on 127.86.0.x: the same fleet as in one process. */
class WorkerProcessTest {

  @Test
  void aFleetInTwoWorkerProcessesAnswersAsTheParentSaysAndStopsWithIt() throws Exception {
    SimulationClock clock =
        SimulationClock.start(Instant.parse("2026-03-03T10:00:00Z"), 0, Clock.systemUTC());
    SimulatorConfig config =
        SimulatorConfig.defaults(100)
            .withFirstAddress(InetAddress.getByName("127.86.0.1"))
            .withPort(0)
            .withProcesses(2);
    List<ProcessHandle> workers;
    try (Simulator sim = Simulator.start(config, clock);
        SnmpClient client = Snmp.openClient()) {
      assertThat(sim.workerProcesses()).isEqualTo(2);
      assertThat(sim.workerHeapBytes()).isPositive();
      workers = ProcessHandle.current().children().toList();
      assertThat(workers).hasSizeGreaterThanOrEqualTo(2);
      for (int i : new int[] {0, 49, 50, 99}) {
        SimulatedPrinter p = sim.printers().get(i);
        List<VarBind> answer =
            client
                .get(
                    new SnmpTarget(
                        p.address(),
                        SnmpCredentials.Community.v2c("public"),
                        Duration.ofSeconds(2),
                        2),
                    List.of(
                        StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(1),
                        StandardMib.PRT_MARKER_LIFE_COUNT.append(1, 1)))
                .join();
        assertThat(((SnmpValue.OctetString) answer.get(0).value()).text()).isEqualTo(p.serial());
        assertThat(answer.get(1).value()).isEqualTo(new SnmpValue.Counter32(p.totalPages()));
      }
    }
    for (ProcessHandle worker : workers) {
      assertThat(worker.onExit()).succeedsWithin(Duration.ofSeconds(15));
    }
  }
}
