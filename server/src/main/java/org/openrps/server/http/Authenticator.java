package org.openrps.server.http;

import java.util.Optional;

/** Checks the {@code Authorization} header of a request; the accounts feature implements it. */
public interface Authenticator {

  /** A user by Bearer API token or HTTP Basic; refuses with a coded {@link ApiException}. */
  UserPrincipal user(Optional<String> authorization, String clientAddress);

  /** An agent or device by HTTP Basic id and secret; refuses with a coded {@link ApiException}. */
  ClientPrincipal client(Optional<String> authorization, String clientAddress);
}
