package org.openrps.wire;

import java.util.Objects;

/**
 * An agent's or device's request to enrol ({@code POST api/v1/enrol}).
 *
 * @param code the one-time enrolment code an administrator made; used up by this request
 * @param kind what is enrolling
 */
public record EnrolRequest(String code, Source.Kind kind) {

  public EnrolRequest {
    Objects.requireNonNull(code, "code");
    kind = kind == null ? Source.Kind.agent : kind;
  }

  @Override
  public String toString() {
    return "EnrolRequest[code=****, kind=" + kind + "]";
  }
}
