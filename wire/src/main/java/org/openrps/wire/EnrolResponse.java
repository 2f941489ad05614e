package org.openrps.wire;

import java.util.Objects;

/**
 * The server's answer to an accepted {@link EnrolRequest} (HTTP 201).
 *
 * @param clientId the id the client authenticates with from now on
 * @param secret the client's secret; shown this once, the server keeps only a slow hash of it
 * @param customer the customer the code was made for
 * @param site the site the code was made for
 */
public record EnrolResponse(String clientId, String secret, String customer, String site) {

  public EnrolResponse {
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(secret, "secret");
    Objects.requireNonNull(customer, "customer");
    Objects.requireNonNull(site, "site");
  }

  @Override
  public String toString() {
    return "EnrolResponse[" + clientId + ", secret=****, " + customer + "/" + site + "]";
  }
}
