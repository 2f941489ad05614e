package org.openrps.agent.poll.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrps.agent.poll.decode.RowsFixture.rows;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openrps.agent.poll.ReadFailure;
import org.openrps.snmp.Oid;
import org.openrps.snmp.profile.VendorProfile;
import org.openrps.snmp.profile.VendorProfiles;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.key.Makes;

class IdentityDecoderTest {

  private static final Makes MAKES = Makes.standard();
  private static final Optional<VendorProfile> HP =
      VendorProfiles.standard().forSysObjectId(Oid.of("1.3.6.1.4.1.11.2.3.9.1"));

  /** The discovery GET of a Jetdirect printer (values shaped like a real walk). */
  private static RowsFixture jetdirect() {
    return rows()
        .text(
            "1.3.6.1.2.1.1.1.0",
            "HP ETHERNET MULTI-ENVIRONMENT,ROM none,JETDIRECT,JD153,EEPROM JSI23900012,CIDATE 04/26/2017")
        .objectId("1.3.6.1.2.1.1.2.0", "1.3.6.1.4.1.11.2.3.9.1")
        .text("1.3.6.1.2.1.1.5.0", "NPI3B1A2C")
        .text("1.3.6.1.2.1.1.6.0", "2nd floor")
        .text("1.3.6.1.2.1.25.3.2.1.3.1", "HP Color LaserJet MFP M477fdw")
        .text("1.3.6.1.2.1.43.5.1.1.17.1", "CNB1234567");
  }

  @Test
  void aPrinterIsNamedByItsMakeModelSerialAndPlace() {
    Rows mac = rows().bytes("1.3.6.1.2.1.2.2.1.6.1", 0, 0x1b, 0x78, 0x01, 0x02, 0x03).build();
    Decoded<DeviceIdentity> d =
        IdentityDecoder.decode(
            jetdirect().build(), mac, Rows.empty(), 1, HP, MAKES, RowsFixture.AT);
    DeviceIdentity id = d.value();
    assertThat(id.make()).isEqualTo("HP");
    assertThat(id.model()).isEqualTo("HP Color LaserJet MFP M477fdw");
    assertThat(id.serial()).isEqualTo("CNB1234567");
    assertThat(id.location()).hasValue("2nd floor");
    assertThat(id.sysName()).hasValue("NPI3B1A2C");
    assertThat(id.mac()).hasValue("00:1b:78:01:02:03");
    assertThat(d.failures()).isEmpty();
  }

  @Test
  void withoutAStandardSerialTheProfilesSerialOidIsTaken() {
    Rows discovery =
        rows()
            .objectId("1.3.6.1.2.1.1.2.0", "1.3.6.1.4.1.11.2.3.9.1")
            .text("1.3.6.1.2.1.1.6.0", "CNB0000000")
            .build();
    Rows profile = rows().text("1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.3.0", "CNB7654321").build();
    DeviceIdentity id =
        IdentityDecoder.decode(discovery, Rows.empty(), profile, 1, HP, MAKES, RowsFixture.AT)
            .value();
    assertThat(id.serial()).isEqualTo("CNB7654321");
    assertThat(id.location()).hasValue("CNB0000000");
  }

  @Test
  void anUnknownEnterpriseIsNamedByItsNumberAndAMissingSerialIsSaid() {
    Decoded<DeviceIdentity> d =
        IdentityDecoder.decode(
            rows().objectId("1.3.6.1.2.1.1.2.0", "1.3.6.1.4.1.99999.1").build(),
            Rows.empty(),
            Rows.empty(),
            1,
            Optional.empty(),
            MAKES,
            RowsFixture.AT);
    assertThat(d.value().make()).isEqualTo("enterprise 99999");
    assertThat(d.value().model()).isEqualTo("unknown");
    assertThat(d.failures())
        .containsExactly(new ReadFailure("serial number", "no serial number answered"));
  }

  @Test
  void aSysNameThatIsNotAStringIsAFailureNotAName() {
    Decoded<DeviceIdentity> d =
        IdentityDecoder.decode(
            jetdirect().integer("1.3.6.1.2.1.1.5.0", 5).build(),
            Rows.empty(),
            Rows.empty(),
            1,
            HP,
            MAKES,
            RowsFixture.AT);
    // the first answer for an OID is kept: the text sysName stands
    assertThat(d.value().sysName()).hasValue("NPI3B1A2C");
    Decoded<DeviceIdentity> bad =
        IdentityDecoder.decode(
            rows().integer("1.3.6.1.2.1.1.5.0", 5).build(),
            Rows.empty(),
            Rows.empty(),
            1,
            Optional.empty(),
            MAKES,
            RowsFixture.AT);
    assertThat(bad.value().sysName()).isEmpty();
    assertThat(bad.failures()).contains(new ReadFailure("sysName", "not a string: Integer32"));
  }
}
