package org.openrps.agent.poll.decode;

import java.util.List;
import org.openrps.snmp.profile.Confidence;
import org.openrps.snmp.profile.MeterDefinition;
import org.openrps.snmp.profile.VendorProfile;
import org.openrps.snmp.profile.VendorProfiles;

/**
 * The shipped profiles as they would read once a recorded walk confirmed their leads: every {@code
 * low} meter raised to {@code medium}, so a test reads what the shipped agent keeps as data only.
 */
public final class ConfirmedProfiles {

  private ConfirmedProfiles() {}

  /** Every shipped profile, confirmed. */
  public static VendorProfiles all() {
    return VendorProfiles.of(
        VendorProfiles.standard().all().stream().map(ConfirmedProfiles::confirmed).toList());
  }

  /** {@code p} with its low meters raised to medium. */
  public static VendorProfile confirmed(VendorProfile p) {
    List<MeterDefinition> meters =
        p.meters().stream()
            .map(
                m ->
                    m.confidence() == Confidence.low
                        ? new MeterDefinition(m.name(), m.alternatives(), Confidence.medium)
                        : m)
            .toList();
    return new VendorProfile(
        p.make(),
        p.enterprises(),
        p.serialOids(),
        p.serialInSysDescr(),
        p.serialQuirks(),
        p.modelOids(),
        p.firmwareOids(),
        meters,
        p.partNumberPatterns(),
        p.names());
  }
}
