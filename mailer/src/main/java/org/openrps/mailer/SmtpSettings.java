package org.openrps.mailer;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach an SMTP server. The server reads it from its {@code smtp.*} keys, the agent from its
 * {@code --smtp-*} options; the messages here name no key, the caller adds where the value came
 * from.
 *
 * @param security {@code none} (plain, port 25 or 587 inside a trusted network), {@code starttls}
 *     (plain connection upgraded to TLS; refused if the server does not offer it) or {@code tls}
 *     (TLS from the first byte, port 465)
 * @param user empty for no authentication
 * @param password the user's password; never logged ({@link #toString()} masks it)
 * @param from the sender's address
 * @param caFile PEM certificates to trust for the SMTP server instead of the system trust store;
 *     the server's host name is checked against its certificate either way
 */
public record SmtpSettings(
    String host,
    int port,
    Security security,
    Optional<String> user,
    Optional<String> password,
    String from,
    Duration timeout,
    Optional<Path> caFile) {

  /** How the connection to the SMTP server is protected. */
  public enum Security {
    none,
    starttls,
    tls;

    public static Optional<Security> parse(String value) {
      for (Security s : values()) {
        if (s.name().equals(value.trim().toLowerCase(Locale.ROOT))) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }

    /** The usual port: 25 without TLS, 587 for STARTTLS (submission), 465 for TLS. */
    public int defaultPort() {
      return switch (this) {
        case none -> 25;
        case starttls -> 587;
        case tls -> 465;
      };
    }
  }

  public SmtpSettings {
    Objects.requireNonNull(host, "host");
    if (host.isBlank()) {
      throw new IllegalArgumentException("the SMTP host must not be empty");
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("the SMTP port must be between 1 and 65535: " + port);
    }
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    if (user.isPresent() != password.isPresent()) {
      throw new IllegalArgumentException("an SMTP user and its password go together");
    }
    Objects.requireNonNull(from, "from");
    if (!MailAddress.valid(from)) {
      throw new IllegalArgumentException("the sender must be an e-mail address: " + from);
    }
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the SMTP timeout must be positive: " + timeout);
    }
    Objects.requireNonNull(caFile, "caFile");
  }

  /** Where the mail goes, for one line: {@code host:port (security)}. */
  public String where() {
    return host + ":" + port + " (" + security + ")";
  }

  @Override
  public String toString() {
    return "smtp["
        + security
        + "://"
        + host
        + ":"
        + port
        + ", user="
        + user.orElse("none")
        + ", password="
        + password.map(p -> "****").orElse("none")
        + ", from="
        + from
        + ", timeout="
        + timeout
        + ", trust="
        + caFile.map(Path::toString).orElse("system")
        + "]";
  }
}
