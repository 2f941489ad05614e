package org.openrps.server.accounts;

import java.util.Objects;
import java.util.Optional;
import org.openrps.server.http.ApiException;
import org.openrps.server.http.Authenticator;
import org.openrps.server.http.BasicCredentials;
import org.openrps.server.http.ClientPrincipal;
import org.openrps.server.http.UserPrincipal;

/** Who is behind a request: users by API token or password, agents and devices by secret. */
public final class Authentication implements Authenticator {

  private final Accounts accounts;
  private final Tokens tokens;

  public Authentication(Accounts accounts, Tokens tokens) {
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.tokens = Objects.requireNonNull(tokens, "tokens");
  }

  @Override
  public UserPrincipal user(Optional<String> authorization, String clientAddress) {
    String header = authorization.orElse(null);
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return tokens
          .authenticate(header.substring(7).trim())
          .orElseThrow(ApiException::invalidCredentials);
    }
    Optional<BasicCredentials> credentials = BasicCredentials.parse(header);
    if (credentials.isEmpty()) {
      throw ApiException.invalidCredentials();
    }
    try (BasicCredentials c = credentials.get()) {
      return accounts
          .authenticateUser(c.name(), c.secret(), clientAddress)
          .orElseThrow(ApiException::invalidCredentials);
    }
  }

  @Override
  public ClientPrincipal client(Optional<String> authorization, String clientAddress) {
    Optional<BasicCredentials> credentials = BasicCredentials.parse(authorization.orElse(null));
    if (credentials.isEmpty()) {
      throw ApiException.invalidCredentials();
    }
    try (BasicCredentials c = credentials.get()) {
      return accounts
          .authenticateAgent(c.name(), c.secret(), clientAddress)
          .orElseThrow(ApiException::invalidCredentials);
    }
  }
}
