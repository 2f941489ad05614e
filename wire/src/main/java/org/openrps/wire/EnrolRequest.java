package org.openrps.wire;

import java.util.Objects;
import java.util.Optional;

/**
 * An agent's or device's request to enrol ({@code POST api/v1/enrol}).
 *
 * @param code the one-time enrolment code an administrator made; used up by this request
 * @param kind what is enrolling
 * @param device for a Device Direct device, the device it is: its credential is bound to this one
 *     device key, and a report about any other device is refused; empty for an agent
 */
public record EnrolRequest(String code, Source.Kind kind, Optional<DeviceRef> device) {

  public EnrolRequest {
    Objects.requireNonNull(code, "code");
    kind = kind == null ? Source.Kind.agent : kind;
    device = device == null ? Optional.empty() : device;
    if (kind == Source.Kind.agent && device.isPresent()) {
      throw new IllegalArgumentException("an agent enrols without a device");
    }
  }

  /** An agent's request, or a device's that names no device (refused by the server). */
  public EnrolRequest(String code, Source.Kind kind) {
    this(code, kind, Optional.empty());
  }

  @Override
  public String toString() {
    return "EnrolRequest[code=****, kind="
        + kind
        + device.map(d -> ", device=" + d).orElse("")
        + "]";
  }
}
