package org.openrps.agent.poll.decode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrps.agent.poll.decode.RowsFixture.rows;

import java.io.StringReader;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.openrps.agent.poll.ReadFailure;
import org.openrps.snmp.Oid;
import org.openrps.snmp.profile.VendorProfile;
import org.openrps.snmp.profile.VendorProfiles;
import org.openrps.wire.DeviceIdentity;
import org.openrps.wire.SerialSource;
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

  private static final VendorProfiles PROFILES = VendorProfiles.standard();

  private static Optional<VendorProfile> profileOf(String sysObjectId) {
    return PROFILES.forSysObjectId(Oid.of(sysObjectId));
  }

  private static DeviceIdentity decode(Rows discovery, Rows profileValues, String sysObjectId) {
    return IdentityDecoder.decode(
            discovery,
            Rows.empty(),
            profileValues,
            1,
            profileOf(sysObjectId),
            MAKES,
            RowsFixture.AT)
        .value();
  }

  /** Rows of the LibreNMS Konica Minolta walk (../shared/recordings/librenms-konica.snmprec). */
  @Test
  void anOemBrandIsTheNameOnTheDeviceWhileTheMakeStaysItsEngineMakers() {
    String oid = "1.3.6.1.4.1.18334.1.1.1.2.1.117.2.2";
    Rows discovery =
        rows()
            .text("1.3.6.1.2.1.1.1.0", "KONICA MINOLTA bizhub C3110")
            .objectId("1.3.6.1.2.1.1.2.0", oid)
            .text("1.3.6.1.2.1.25.3.2.1.3.1", "Generic 28C-1")
            .build();
    Rows vendor =
        rows()
            .text("1.3.6.1.4.1.18334.1.1.1.1.6.1.0", "1.80")
            .text("1.3.6.1.4.1.18334.1.1.1.1.6.2.1.0", "Develop ineo+ 280")
            .build();
    DeviceIdentity id = decode(discovery, vendor, oid);
    assertThat(id.make()).isEqualTo("Konica Minolta");
    assertThat(id.manufacturer()).hasValue("Konica Minolta");
    // the profile's model.order puts the model OID before hrDeviceDescr ("Generic 28C-1")
    assertThat(id.model()).isEqualTo("Develop ineo+ 280");
    assertThat(id.brand()).hasValue("Develop");
    assertThat(id.firmware()).hasValue("1.80");
  }

  /** Rows of the LibreNMS Xerox walk: no Host Resources MIB, a device ID at Xerox's OID. */
  @Test
  void aVendorDeviceIdGivesTheModelWhereOnlyAWholeSysDescrWouldOtherwise() {
    String oid = "1.3.6.1.4.1.253.8.62.1.35.2.3.1.1";
    Rows discovery =
        rows()
            .text(
                "1.3.6.1.2.1.1.1.0",
                "Xerox AltaLink C8045; SS 100.002.057.09608, NC 100.002.09608, UI 100.002.09608,"
                    + " ME 063.022.000, CC 100.002.09608, DF 007.019.000, FI ------")
            .objectId("1.3.6.1.2.1.1.2.0", oid)
            .build();
    Rows vendor =
        rows()
            .text(
                "1.3.6.1.4.1.253.8.51.1.2.1.20.1",
                "MFG:Xerox; CMD:PCL, PJL, PostScript, XPS; MDL:AltaLink C8045; CLS:Printer;"
                    + " DES:Xerox AltaLink C8045; CID:XR_PS_Office_Color")
            .build();
    DeviceIdentity id = decode(discovery, vendor, oid);
    assertThat(id.model()).isEqualTo("AltaLink C8045");
    assertThat(id.brand()).hasValue("Xerox");
  }

  /** Rows of the printmaster Kyocera walk: the standard (PPM) device ID, an agreeing serial. */
  @Test
  void theStandardDeviceIdNamesTheBrandWhereTheModelDoesNot() {
    String oid = "1.3.6.1.4.1.1347.41";
    Rows discovery =
        rows()
            .text("1.3.6.1.2.1.1.1.0", "KYOCERA Document Solutions Printing System")
            .objectId("1.3.6.1.2.1.1.2.0", oid)
            .text("1.3.6.1.2.1.25.3.2.1.3.1", "ECOSYS P2040dw")
            .text("1.3.6.1.2.1.43.5.1.1.16.1", "ECOSYS P2040dw")
            .text("1.3.6.1.2.1.43.5.1.1.17.1", "VD21457943")
            .build();
    Rows vendor =
        rows()
            .text(
                "1.3.6.1.4.1.2699.1.2.1.2.1.1.3.1",
                "ID:ECOSYS P2040dw;MFG:Kyocera;CMD:PCLXL,PostScript Emulation,PCL5E,PJL;"
                    + "MDL:ECOSYS P2040dw;CLS:PRINTER;DES:Kyocera ECOSYS P2040dw;SER:VD21457943;")
            .text("1.3.6.1.4.1.1347.43.5.1.1.28.1", "VD21457943")
            .text("1.3.6.1.4.1.1347.43.5.4.1.5.1.1", "2RX_3000.002.503")
            .build();
    DeviceIdentity id = decode(discovery, vendor, oid);
    assertThat(id.model()).isEqualTo("ECOSYS P2040dw");
    assertThat(id.brand()).hasValue("Kyocera");
    assertThat(id.serial()).isEqualTo("VD21457943");
    assertThat(id.serialDisagreement()).isEmpty();
    assertThat(id.firmware()).hasValue("2RX_3000.002.503");
  }

  @Test
  void aDeviceIdManufacturerIsNamedAsTheBrandIsKnown() {
    Rows vendor =
        rows()
            .text(
                "1.3.6.1.4.1.11.2.3.9.1.1.7.0",
                "MFG:Hewlett-Packard;CMD:PJL,PML,PCLXL,URP,PCL,PDF,POSTSCRIPT;"
                    + "MDL:HP Color LaserJet M452nw;CLS:PRINTER;")
            .build();
    DeviceIdentity id =
        IdentityDecoder.decode(
                jetdirect().build(), Rows.empty(), vendor, 1, HP, MAKES, RowsFixture.AT)
            .value();
    assertThat(id.brand()).hasValue("HP");
    // hrDeviceDescr stays first for HP: the device ID is below it in the default order
    assertThat(id.model()).isEqualTo("HP Color LaserJet MFP M477fdw");
  }

  @Test
  void aKyoceraBuiltDeviceSoldUnderItsOwnBrandIsNamedByTheModelsLeadingWord() {
    String oid = "1.3.6.1.4.1.1347.41";
    Rows discovery =
        rows()
            .text("1.3.6.1.2.1.1.1.0", "TA Triumph-Adler Printing System")
            .objectId("1.3.6.1.2.1.1.2.0", oid)
            .text("1.3.6.1.2.1.25.3.2.1.3.1", "TA P-4531 MFP")
            .text("1.3.6.1.2.1.43.5.1.1.17.1", "W3H5600123")
            .build();
    DeviceIdentity id = decode(discovery, Rows.empty(), oid);
    assertThat(id.make()).isEqualTo("Kyocera");
    assertThat(id.brand()).hasValue("TA Triumph-Adler");
    assertThat(id.model()).isEqualTo("TA P-4531 MFP");
  }

  @Test
  void twoSerialSourcesThatDisagreeAreFlaggedWithBothValuesAndTheTrustedOneIsReported() {
    Rows vendor = rows().text("1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.3.0", "CNB7654321").build();
    Decoded<DeviceIdentity> d =
        IdentityDecoder.decode(
            jetdirect().build(), Rows.empty(), vendor, 1, HP, MAKES, RowsFixture.AT);
    assertThat(d.value().serial()).isEqualTo("CNB1234567");
    assertThat(d.value().serialDisagreement())
        .containsExactly(
            new SerialSource("prtGeneralSerialNumber", "CNB1234567"),
            new SerialSource("1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.3.0", "CNB7654321"));
    assertThat(d.failures()).isEmpty();
  }

  @Test
  void serialsThatAgreeAfterTheMakesQuirksAreNoDisagreement() {
    // glpi-agent #652: the HP private OID has the leading "00"; sysDescr has the serial too
    Rows discovery =
        jetdirect()
            .text("1.3.6.1.2.1.1.1.0", "HP ETHERNET MULTI-ENVIRONMENT,SN:cnb1234567,FN:1G11F33")
            .build();
    Rows vendor = rows().text("1.3.6.1.4.1.11.2.3.9.4.2.1.1.3.3.0", "00CNB1234567").build();
    DeviceIdentity id =
        IdentityDecoder.decode(discovery, Rows.empty(), vendor, 1, HP, MAKES, RowsFixture.AT)
            .value();
    assertThat(id.serial()).isEqualTo("CNB1234567");
    assertThat(id.serialDisagreement()).isEmpty();
  }

  @Test
  void aMakeWithoutAProfileIsNamedByTheStandardDeviceIdAndTheMakeTable() {
    Rows discovery =
        rows()
            .text("1.3.6.1.2.1.1.1.0", "TOSHIBA e-STUDIO3515AC")
            .objectId("1.3.6.1.2.1.1.2.0", "1.3.6.1.4.1.1129.2.2.1.5")
            .text("1.3.6.1.2.1.43.5.1.1.17.1", "CNJJ123456")
            .build();
    Rows standard =
        rows()
            .text(
                "1.3.6.1.4.1.2699.1.2.1.2.1.1.3.1",
                "MFG:TOSHIBA;CMD:PJL,PCLXL,POSTSCRIPT;MDL:e-STUDIO3515AC;CLS:PRINTER;")
            .build();
    DeviceIdentity id =
        IdentityDecoder.decode(
                discovery, Rows.empty(), standard, 1, Optional.empty(), MAKES, RowsFixture.AT)
            .value();
    assertThat(id.make()).isEqualTo("Toshiba");
    assertThat(id.brand()).hasValue("Toshiba");
    // no hrDeviceDescr, no vendor OID: the device ID's MDL comes before the whole sysDescr
    assertThat(id.model()).isEqualTo("e-STUDIO3515AC");
  }

  @Test
  void aRenamedMakerIsReportedUnderItsCurrentNameAndTheKeyKeepsItsMake() {
    Rows discovery =
        rows()
            .text("1.3.6.1.2.1.1.1.0", "FUJI XEROX ApeosPort-VI C3371")
            .objectId("1.3.6.1.2.1.1.2.0", "1.3.6.1.4.1.297.1.11.93.1.28.3.1")
            .text("1.3.6.1.2.1.43.5.1.1.17.1", "321456")
            .build();
    DeviceIdentity id =
        IdentityDecoder.decode(
                discovery, Rows.empty(), Rows.empty(), 1, Optional.empty(), MAKES, RowsFixture.AT)
            .value();
    assertThat(id.make()).isEqualTo("Fuji Xerox");
    assertThat(id.manufacturer()).hasValue("FUJIFILM Business Innovation");
    assertThat(id.brand()).hasValue("Fuji Xerox");
    assertThat(org.openrps.wire.key.DeviceKey.of(id))
        .hasValue(new org.openrps.wire.key.DeviceKey("Fuji Xerox", "321456"));
  }

  @Test
  void theDecoderFollowsTheOrderOfTrustAProfileGives() throws Exception {
    VendorProfile printerNameFirst =
        VendorProfiles.parse(
            "hp-test.properties",
            new StringReader(
                "make=HP\nenterprises=11\n"
                    + "model.order=prtGeneralPrinterName,hrDeviceDescr,sysDescr\n"
                    + "brand.order=sysDescr\n"));
    Rows discovery =
        jetdirect().text("1.3.6.1.2.1.43.5.1.1.16.1", "Colour LaserJet, 2nd floor").build();
    DeviceIdentity id =
        IdentityDecoder.decode(
                discovery,
                Rows.empty(),
                Rows.empty(),
                1,
                Optional.of(printerNameFirst),
                MAKES,
                RowsFixture.AT)
            .value();
    assertThat(id.model()).isEqualTo("Colour LaserJet, 2nd floor");
    assertThat(id.brand()).hasValue("HP"); // sysDescr "HP ETHERNET ...": HP of the make table
    assertThat(List.of(id.model())).doesNotContain("HP Color LaserJet MFP M477fdw");
  }

  @Test
  void anEpsonFirmwareIsReadFromTheRowTheRecordedWalkNamesPrinterFw() {
    String oid = "1.3.6.1.4.1.1248.1.1.2.1.3.5.69.69.80.83.50";
    Rows discovery =
        rows()
            .objectId("1.3.6.1.2.1.1.2.0", oid)
            .text("1.3.6.1.2.1.25.3.2.1.3.1", "EPSON SC-T3405 Series")
            .text("1.3.6.1.2.1.43.5.1.1.17.1", "X8G9000415")
            .build();
    Rows vendor =
        rows()
            .text("1.3.6.1.4.1.1248.1.2.2.2.1.1.2.1.1", "EQ22M3")
            .text("1.3.6.1.4.1.1248.1.2.2.1.1.1.5.1", "X8G9000415")
            .text(
                "1.3.6.1.4.1.1248.1.2.2.1.1.1.1.1",
                "MFG:EPSON;CMD:ESCPL2,BDC,D4;MDL:SC-T3405 Series;CLS:PRINTER;")
            .build();
    DeviceIdentity id = decode(discovery, vendor, oid);
    assertThat(id.firmware()).hasValue("EQ22M3");
    assertThat(id.brand()).hasValue("Epson");
    assertThat(id.serialDisagreement()).isEmpty();
  }
}
