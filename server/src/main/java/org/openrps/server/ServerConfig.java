package org.openrps.server;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How to run a server.
 *
 * @param dataDir where the server keeps its TLS key and certificate and, by default, its SQLite
 *     database ({@code openrps.db})
 * @param port the HTTPS port; 0 takes any free port (see {@link ServerApp#port()})
 * @param jdbcUrl {@code jdbc:postgresql://…} or {@code jdbc:sqlite:…}; empty means the SQLite file
 *     in {@code dataDir}
 * @param extraHostNames names and addresses to put in the certificate besides localhost, 127.0.0.1,
 *     ::1 and this machine's host name; used when the certificate is first made
 */
public record ServerConfig(
    Path dataDir, int port, Optional<String> jdbcUrl, Set<String> extraHostNames) {

  public ServerConfig {
    Objects.requireNonNull(dataDir, "dataDir");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535: " + port);
    }
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    extraHostNames = Set.copyOf(Objects.requireNonNull(extraHostNames, "extraHostNames"));
  }

  /** The embedded defaults: SQLite in {@code dataDir}, no extra host names. */
  public static ServerConfig embedded(Path dataDir, int port) {
    return new ServerConfig(dataDir, port, Optional.empty(), Set.of());
  }

  @Override
  public String toString() {
    return "ServerConfig[dataDir="
        + dataDir
        + ", port="
        + port
        + ", db="
        + jdbcUrl
            .map(u -> u.contains("?") ? u.substring(0, u.indexOf('?')) + "?…" : u)
            .orElse("sqlite in dataDir")
        + ", extraHostNames="
        + extraHostNames
        + "]";
  }
}
