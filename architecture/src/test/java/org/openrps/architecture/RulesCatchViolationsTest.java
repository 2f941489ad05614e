package org.openrps.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;
import org.openrps.architecture.violations.UsesSnmp4jAndJavalin;

/** The rules are not vacuous: a class that breaks them makes them fail, naming the class. */
class RulesCatchViolationsTest {

  private static final JavaClasses VIOLATOR =
      new ClassFileImporter().importClasses(UsesSnmp4jAndJavalin.class);

  @Test
  void snmp4jOutsideTheSnmpModuleFailsTheRuleNamingTheClass() {
    assertThatThrownBy(() -> BoundariesTest.SNMP4J_STAYS_IN_SNMP.check(VIOLATOR))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(UsesSnmp4jAndJavalin.class.getName())
        .hasMessageContaining("org.snmp4j.smi.OID");
  }

  @Test
  void javalinOutsideTheServersHttpPackageFailsTheRuleNamingTheClass() {
    assertThatThrownBy(() -> BoundariesTest.JAVALIN_STAYS_IN_SERVER_HTTP.check(VIOLATOR))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining(UsesSnmp4jAndJavalin.class.getName())
        .hasMessageContaining("io.javalin.Javalin");
  }

  @Test
  void mainClassesLeaveOutTestClassesSuchAsTheViolator() {
    assertThat(BoundariesTest.MAIN.contain(UsesSnmp4jAndJavalin.class)).isFalse();
  }
}
