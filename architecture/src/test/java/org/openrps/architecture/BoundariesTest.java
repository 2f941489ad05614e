package org.openrps.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries of DESIGN.md ("Where things live") as rules over every module's main
 * classes. A rule that fails names each offending class and the dependency that breaks it.
 *
 * <p>Rules about modules that may not exist yet in the reactor ({@code client}, {@code device})
 * allow an empty subject, so they pass until the module arrives and bind from then on.
 */
class BoundariesTest {

  static final String WIRE = "org.openrps.wire..";
  static final String SNMP = "org.openrps.snmp..";
  static final String SIMULATOR = "org.openrps.simulator..";
  static final String AGENT = "org.openrps.agent..";
  static final String CLIENT = "org.openrps.client..";
  static final String DEVICE = "org.openrps.device..";
  static final String SERVER = "org.openrps.server..";
  static final String SERVER_HTTP = "org.openrps.server.http..";
  static final String CLI = "org.openrps.cli..";
  static final String BENCH = "org.openrps.bench..";
  static final String TESTKIT = "org.openrps.testkit..";
  static final String MAILER = "org.openrps.mailer..";

  static final String SNMP4J = "org.snmp4j..";
  static final String JACKSON = "com.fasterxml.jackson..";

  /** Main classes of every module on the test classpath; test classes are left out. */
  static final JavaClasses MAIN =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.openrps");

  static final ArchRule SNMP4J_STAYS_IN_SNMP =
      noClasses()
          .that()
          .resideInAPackage("org.openrps..")
          .and()
          .resideOutsideOfPackage(SNMP)
          .should()
          .dependOnClassesThat()
          .resideInAPackage(SNMP4J)
          .because("the simulator and the agent use our SNMP API; SNMP4J stays behind it");

  static final ArchRule JAVALIN_STAYS_IN_SERVER_HTTP =
      noClasses()
          .that()
          .resideInAPackage("org.openrps..")
          .and()
          .resideOutsideOfPackage(SERVER_HTTP)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("io.javalin..", "org.eclipse.jetty..")
          .because("features see Route, Request and Response; only http knows Javalin");

  @Test
  void everyModuleOnTheClasspathIsImportedSoNoRulePassesByAccident() {
    Set<String> modules =
        MAIN.stream()
            .map(JavaClass::getPackageName)
            .filter(p -> p.startsWith("org.openrps."))
            .map(p -> p.split("\\.")[2])
            .collect(Collectors.toSet());

    assertThat(modules)
        .contains(
            "wire",
            "client",
            "device",
            "snmp",
            "mailer",
            "simulator",
            "agent",
            "server",
            "cli",
            "testkit")
        .doesNotContain("architecture");
  }

  @Test
  void snmp4jTypesNeverLeaveTheSnmpModule() {
    check(SNMP4J_STAYS_IN_SNMP);
  }

  @Test
  void javalinAndJettyTypesNeverLeaveTheServersHttpPackage() {
    check(JAVALIN_STAYS_IN_SERVER_HTTP);
  }

  @Test
  void wireDependsOnTheJdkAndJacksonOnly() {
    check(
        classes()
            .that()
            .resideInAPackage(WIRE)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", JACKSON, WIRE)
            .because("every side (agent, device, server) links wire, so it brings nothing else"));
  }

  @Test
  void clientDependsOnTheJdkWireJacksonAndSlf4jOnly() {
    check(
        classes()
            .that()
            .resideInAPackage(CLIENT)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "javax.net..", WIRE, JACKSON, "org.slf4j..", CLIENT)
            .because("client is embedded in printers by device: wire + java.net.http only")
            .allowEmptyShould(true));
  }

  @Test
  void mailerDependsOnTheJdkAndJakartaMailOnly() {
    check(
        classes()
            .that()
            .resideInAPackage(MAILER)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "javax.net..", "jakarta.mail..", MAILER)
            .because("the server and the agent both send mail with it: SMTP and nothing else"));
  }

  @Test
  void serverUsesNoSnmpAgentSimulatorClientDeviceOrCliCode() {
    check(
        noClasses()
            .that()
            .resideInAPackage(SERVER)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SNMP, SNMP4J, AGENT, SIMULATOR, CLIENT, DEVICE, CLI)
            .because("server -> wire only; SNMP4J is never on the server's classpath"));
  }

  @Test
  void agentUsesSnmpClientAndWireButNotServerSimulatorOrCli() {
    check(
        noClasses()
            .that()
            .resideInAPackage(AGENT)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SERVER, SIMULATOR, DEVICE, CLI)
            .because("agent -> snmp, client, wire"));
  }

  @Test
  void simulatorUsesSnmpButNotAgentServerOrCli() {
    check(
        noClasses()
            .that()
            .resideInAPackage(SIMULATOR)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(AGENT, SERVER, CLI)
            .because("simulator -> snmp (and device); it plays printers, not their readers"));
  }

  @Test
  void snmpIsIndependentOfEveryOtherModuleButTheDeviceKey() {
    check(
        noClasses()
            .that()
            .resideInAPackage(SNMP)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(AGENT, SERVER, SIMULATOR, CLIENT, DEVICE, CLI)
            .because("snmp is our SNMP API over SNMP4J and knows nothing of reports"));
    check(
        noClasses()
            .that()
            .resideInAPackage(SNMP)
            .should()
            .dependOnClassesThat(
                com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(WIRE)
                    .and(
                        com.tngtech.archunit.core.domain.JavaClass.Predicates
                            .resideOutsideOfPackage("org.openrps.wire.key..")))
            .because("snmp uses the device key's serial rules (ADR 5), not the report records"));
  }

  @Test
  void clientAndDeviceUseNeitherSnmpNorServerNorAgent() {
    check(
        noClasses()
            .that()
            .resideInAnyPackage(CLIENT, DEVICE)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(SNMP, SNMP4J, SERVER, AGENT, SIMULATOR, CLI)
            .because("device -> client, wire; no SNMP4J, no Jetty inside a printer")
            .allowEmptyShould(true));
  }

  @Test
  void deviceDependsOnTheJdkWireClientAndJacksonOnly() {
    check(
        classes()
            .that()
            .resideInAPackage(DEVICE)
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "javax.net..", WIRE, CLIENT, JACKSON, DEVICE)
            .because("Device Direct is embedded in printer firmware: wire, client and the JDK"));
  }

  @Test
  void onlyCliAndBenchUseCli() {
    check(
        noClasses()
            .that()
            .resideInAPackage("org.openrps..")
            .and()
            .resideOutsideOfPackages(CLI, BENCH)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(CLI)
            .because("cli is the top: it depends on everything and nothing depends on it"));
  }

  @Test
  void mainCodeNeverUsesTheTestkit() {
    check(
        noClasses()
            .that()
            .resideInAPackage("org.openrps..")
            .and()
            .resideOutsideOfPackage(TESTKIT)
            .should()
            .dependOnClassesThat()
            .resideInAPackage(TESTKIT)
            .because("the testkit holds test fixtures, used in test scope only"));
  }

  private static void check(ArchRule rule) {
    rule.check(MAIN);
  }
}
