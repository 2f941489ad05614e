package org.openrps.client;

import java.net.URI;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * An HTTP proxy that every request to the server goes through: HTTPS by {@code CONNECT}, so the
 * proxy sees the server's host and port and nothing else (TLS runs end to end through the tunnel).
 * Optional Basic authentication; the password is a char array, copied in and out and masked in
 * {@link #toString()}.
 *
 * @param host the proxy's host name or address
 * @param port the proxy's port
 * @param user the user for Basic authentication; empty = the proxy asks for none
 * @param password the user's password; empty when there is no user
 */
public record HttpProxy(String host, int port, Optional<String> user, char[] password) {

  public HttpProxy {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("the proxy needs a host");
    }
    if (port < 1 || port > 65_535) {
      throw new IllegalArgumentException("the proxy port must be 1 to 65535, not " + port);
    }
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    user = user.filter(u -> !u.isEmpty());
    if (user.isPresent() && user.get().contains(":")) {
      throw new IllegalArgumentException("the proxy user must not contain ':'");
    }
    if (user.isEmpty() && password.length > 0) {
      throw new IllegalArgumentException("a proxy password needs a proxy user");
    }
    password = password.clone();
  }

  /**
   * The proxy at {@code http://HOST:PORT} (no path, no user in the URL), without authentication.
   *
   * @throws IllegalArgumentException when the URL is not of that form
   */
  public static HttpProxy of(URI url) {
    Objects.requireNonNull(url, "url");
    if (!"http".equalsIgnoreCase(url.getScheme())
        || url.getHost() == null
        || url.getPort() == -1
        || url.getRawUserInfo() != null
        || (url.getRawPath() != null
            && !url.getRawPath().isEmpty()
            && !"/".equals(url.getRawPath()))
        || url.getRawQuery() != null
        || url.getRawFragment() != null) {
      throw new IllegalArgumentException(
          "the proxy must be given as http://HOST:PORT (user and password apart), not " + url);
    }
    String host = url.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    return new HttpProxy(host, url.getPort(), Optional.empty(), new char[0]);
  }

  /** This proxy with Basic authentication as {@code user}. */
  public HttpProxy withCredentials(String user, char[] password) {
    Objects.requireNonNull(user, "user");
    if (user.isEmpty()) {
      throw new IllegalArgumentException("the proxy user must not be empty");
    }
    return new HttpProxy(host, port, Optional.of(user), password);
  }

  /** A copy of the password; the caller should clear it when done. */
  @Override
  public char[] password() {
    return password.clone();
  }

  /** {@code host:port}, as operators' messages name the proxy. */
  public String address() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof HttpProxy p
        && host.equals(p.host)
        && port == p.port
        && user.equals(p.user)
        && Arrays.equals(password, p.password);
  }

  @Override
  public int hashCode() {
    return Objects.hash(host, port, user);
  }

  /** Safe to log: the password is masked. */
  @Override
  public String toString() {
    return "http://"
        + address()
        + user.map(u -> " (user " + u + ", password ****)").orElse(" (no authentication)");
  }
}
