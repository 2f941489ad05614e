package org.openrps.agent.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which postures the audit report flags weak, and how it names their protocols. */
class SnmpWeaknessTest {

  private static AuditReport.Snmp v3(String auth, String priv) {
    return SnmpWeakness.posture("v3", Optional.of(auth), Optional.of(priv), Optional.of("set 1"));
  }

  @Test
  void sha2WithAesIsNotWeak() {
    for (String auth : new String[] {"sha224", "sha256", "sha384", "sha512"}) {
      for (String priv : new String[] {"aes128", "aes192", "aes256"}) {
        assertThat(v3(auth, priv).weaknesses()).as(auth + "/" + priv).isEmpty();
      }
    }
    assertThat(v3("sha512", "aes256").describe()).isEqualTo("v3 SHA-512/AES-256");
  }

  @Test
  void communitiesMd5Sha1DesAndMissingProtectionAreWeakEachWithItsReason() {
    assertThat(SnmpWeakness.posture("v1", Optional.empty(), Optional.empty(), Optional.empty()))
        .satisfies(s -> assertThat(s.describe()).isEqualTo("v1 community"))
        .satisfies(s -> assertThat(s.weaknesses()).singleElement().asString().contains("clear"));
    assertThat(v3("md5", "aes128").weaknesses()).singleElement().asString().contains("MD5");
    assertThat(v3("sha1", "aes128").weaknesses()).singleElement().asString().contains("SHA-1");
    assertThat(v3("sha256", "des").weaknesses()).singleElement().asString().contains("DES");
    assertThat(v3("sha256", "none").weaknesses()).singleElement().asString().contains("no privacy");
    assertThat(v3("none", "none").weaknesses())
        .singleElement()
        .asString()
        .contains("no authentication");
    assertThat(v3("md5", "des").weaknesses()).hasSize(2);
    assertThat(v3("md5", "des").describe()).isEqualTo("v3 MD5/DES");
  }
}
