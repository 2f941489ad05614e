package org.openrps.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openrps.agent.Agent;
import org.openrps.agent.AgentConfig;
import org.openrps.agent.rotation.RotationOutcome;
import org.openrps.agent.status.AgentStatus;
import org.openrps.agent.status.AgentStatusReader;
import org.openrps.agent.status.NextSteps;
import org.openrps.agent.store.AgentEvent;
import org.openrps.agent.store.AgentStore;
import org.openrps.client.Credentials;
import org.openrps.client.EnrolmentClient;
import org.openrps.server.ServerApp;
import org.openrps.server.ServerConfig;
import org.openrps.server.store.SiteId;
import org.openrps.server.store.TenantId;
import org.openrps.simulator.Simulator;
import org.openrps.simulator.SimulatorConfig;
import org.openrps.testkit.MutableClock;
import org.openrps.wire.WireJson;

/**
 * Secret rotation with a real server and a real agent (real SNMP printers, real HTTPS): on
 * schedule, on request, and whatever fails on the way (the answer lost, a crash after the new
 * secret was written), the agent keeps uploading: at no moment does neither secret work.
 */
class SecretRotationEndToEndTest {

  @TempDir Path dir;
  private final MutableClock clock = MutableClock.at("2026-11-30T08:00:00Z");
  private ServerApp server;
  private Simulator sim;
  private Path credentialsFile;
  private EnrolmentClient enrolment;

  @BeforeEach
  void start() throws Exception {
    server = ServerApp.start(ServerConfig.embedded(dir.resolve("server"), 0), clock);
    sim =
        Simulator.start(
            new SimulatorConfig(2, InetAddress.getByName("127.59.21.1"), 0, "public", 21), clock);
    enrolment =
        new EnrolmentClient(
            java.net.URI.create("https://127.0.0.1:" + server.port()),
            Optional.of(server.certificatePem()));
    credentialsFile = dir.resolve("agent").resolve("credentials.properties");
    enrolment
        .enrol(server.newEnrolCode(TenantId.DEFAULT, SiteId.DEFAULT).code())
        .save(credentialsFile);
  }

  @AfterEach
  void stop() {
    sim.close();
    server.close();
  }

  private AgentConfig config() {
    Credentials c = Credentials.load(credentialsFile);
    return new AgentConfig(
            dir.resolve("agent").resolve("agent.db"),
            "127.59.21.1-127.59.21.2",
            sim.printers().get(0).address().getPort(),
            "public",
            Duration.ofMillis(500),
            1,
            16,
            java.net.URI.create("https://127.0.0.1:" + server.port()),
            c.agentId(),
            c.secret(),
            Optional.of(server.certificatePem()))
        .withCredentialsFile(credentialsFile)
        .withRotateEvery(Duration.ofDays(90));
  }

  private void cycleUploads(Agent agent) throws Exception {
    assertThat(agent.runCycle().sync().failure()).isEmpty();
    assertThat(agent.pendingSnapshots()).isZero();
  }

  private void refused(Credentials c) {
    assertThatThrownBy(() -> enrolment.check(c))
        .isInstanceOfSatisfying(
            EnrolmentClient.EnrolmentException.class, e -> assertThat(e.status()).isEqualTo(401));
  }

  private static String secret(Credentials c) {
    return new String(c.secret());
  }

  @Test
  void theSecretIsRotatedOnScheduleAndUploadsWorkThroughout() throws Exception {
    Credentials enrolled = Credentials.load(credentialsFile);
    try (Agent agent = Agent.open(config(), clock)) {
      cycleUploads(agent);
      clock.advance(Duration.ofDays(89));
      cycleUploads(agent);
      assertThat(Credentials.load(credentialsFile)).as("not due yet").isEqualTo(enrolled);

      clock.advance(Duration.ofDays(2));
      cycleUploads(agent);

      Credentials rotated = Credentials.load(credentialsFile);
      assertThat(secret(rotated)).isNotEqualTo(secret(enrolled));
      assertThat(rotated.hasPrevious()).as("confirmed: the previous one is dropped").isFalse();
      assertThat(agent.credentials()).isEqualTo(rotated);
      assertThat(agent.lastTime(AgentEvent.SECRET_ROTATED)).contains(clock.instant());
      refused(enrolled);
      enrolment.check(rotated);
      cycleUploads(agent);
      agent.commandClient().fetch();

      clock.advance(Duration.ofDays(89));
      cycleUploads(agent);
      assertThat(Credentials.load(credentialsFile)).isEqualTo(rotated);
      clock.advance(Duration.ofDays(1));
      cycleUploads(agent);
      assertThat(Credentials.load(credentialsFile)).isNotEqualTo(rotated);
      refused(rotated);
    }
    try (AgentStore store =
        AgentStore.openReadOnly(dir.resolve("agent").resolve("agent.db"), WireJson.newMapper())) {
      AgentStatus status =
          AgentStatusReader.read(
              store,
              new NextSteps(
                  false, clock.instant(), clock.instant(), Optional.empty(), Optional.empty()),
              clock.instant());
      assertThat(status.lastSecretRotation()).contains(clock.instant());
    }
  }

  @Test
  void aRotationWhoseAnswerWasLostLeavesTheAgentWorkingWithItsOldSecret() throws Exception {
    Credentials enrolled = Credentials.load(credentialsFile);
    try (Agent agent = Agent.open(config(), clock)) {
      Credentials lost = enrolment.rotate(enrolled); // the answer never reaches the agent

      cycleUploads(agent);
      assertThat(Credentials.load(credentialsFile)).isEqualTo(enrolled);
      enrolment.check(enrolled);

      RotationOutcome outcome = agent.rotateSecret();

      assertThat(outcome.rotated()).as(outcome.reason()).isTrue();
      assertThat(outcome.reason()).isEqualTo("secret rotated; the previous one no longer works");
      refused(lost);
      refused(enrolled);
      cycleUploads(agent);
    }
  }

  @Test
  void aCrashAfterTheNewSecretWasWrittenButBeforeItsFirstUseRecoversAtTheNextStart()
      throws Exception {
    Credentials enrolled = Credentials.load(credentialsFile);
    try (Agent agent = Agent.open(config(), clock)) {
      cycleUploads(agent);
    }
    // What the agent had done when it crashed: asked, and written both secrets to its file.
    Credentials issued = enrolment.rotate(enrolled);
    enrolled.rotatedTo(issued.secret()).save(credentialsFile);
    enrolment.check(enrolled); // the old one still works: not promoted yet

    try (Agent restarted = Agent.open(config(), clock)) {
      cycleUploads(restarted);

      Credentials now = Credentials.load(credentialsFile);
      assertThat(now).isEqualTo(issued);
      assertThat(now.hasPrevious()).isFalse();
      refused(enrolled);
      cycleUploads(restarted);
    }
  }

  @Test
  void aNewSecretTheServerRefusesBeforeItsFirstUseFallsBackToThePreviousOne() throws Exception {
    Credentials enrolled = Credentials.load(credentialsFile);
    // A file whose new secret the server never issued (say, replaced by a later rotation).
    enrolled.rotatedTo("never-issued-secret".toCharArray()).save(credentialsFile);

    try (Agent agent = Agent.open(config(), clock)) {
      cycleUploads(agent);

      assertThat(Credentials.load(credentialsFile)).isEqualTo(enrolled);
      assertThat(Files.readString(credentialsFile)).doesNotContain("never-issued-secret");
    }
  }

  @Test
  void theRotateSecretCommandTypeIsAnAgentCommandWithoutParameters() {
    org.openrps.wire.command.CommandTypes.Type type =
        org.openrps.wire.command.CommandTypes.find("rotate-secret").orElseThrow();
    assertThat(type.appliedBy()).isEqualTo(org.openrps.wire.Source.Kind.agent);
    assertThat(type.required()).isEmpty();
    assertThat(type.problem(java.util.Map.of())).isEmpty();
  }
}
