package org.openrps.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.openrps.mailer.SmtpSettings;
import picocli.CommandLine.Option;

/**
 * How the agent reaches its SMTP server, the same for {@code agent} (its alerts) and {@code agent
 * test-mail}. Without {@code --smtp-host} the agent sends no e-mail.
 */
final class SmtpOptions {

  /** How long one SMTP connection, read or write may take. */
  static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Option(
      names = "--smtp-host",
      paramLabel = "HOST",
      description = "SMTP server for the agent's e-mail alerts (default: none, no e-mail).")
  Optional<String> host = Optional.empty();

  @Option(
      names = "--smtp-port",
      paramLabel = "PORT",
      description = "SMTP port (default: 25 with none, 587 with starttls, 465 with tls).")
  Optional<Integer> port = Optional.empty();

  @Option(
      names = "--smtp-security",
      paramLabel = "none|starttls|tls",
      description =
          "none (plain), starttls (upgrade required, never a plain fallback) or tls (TLS from"
              + " the first byte) (default: starttls).")
  Optional<String> security = Optional.empty();

  @Option(
      names = "--smtp-user",
      paramLabel = "USER",
      description = "SMTP user, for servers that want authentication (default: none).")
  Optional<String> user = Optional.empty();

  @Option(
      names = "--smtp-password",
      paramLabel = "PASSWORD",
      description =
          "The SMTP user's password; better as smtp-password= in a --config file of mode 0600.")
  Optional<String> password = Optional.empty();

  @Option(
      names = "--mail-from",
      paramLabel = "ADDRESS",
      description = "The sender of the agent's e-mails (required with --smtp-host).")
  Optional<String> from = Optional.empty();

  @Option(
      names = "--smtp-trust-cert",
      paramLabel = "PEM",
      description =
          "PEM certificate or CA to trust for the SMTP server (default: the system trust store);"
              + " its host name is checked either way.")
  Optional<Path> trustCert = Optional.empty();

  /** The options given, by key (the option's name without dashes), as text. */
  Map<String, String> given() {
    Map<String, String> v = new LinkedHashMap<>();
    host.ifPresent(x -> v.put("smtp-host", x));
    port.ifPresent(x -> v.put("smtp-port", Integer.toString(x)));
    security.ifPresent(x -> v.put("smtp-security", x));
    user.ifPresent(x -> v.put("smtp-user", x));
    password.ifPresent(x -> v.put("smtp-password", x));
    from.ifPresent(x -> v.put("mail-from", x));
    trustCert.ifPresent(x -> v.put("smtp-trust-cert", x.toString()));
    return v;
  }

  /** The settings of these options; empty without {@code --smtp-host}. */
  Optional<SmtpSettings> settings() {
    return settings(given()::get);
  }

  /**
   * The settings of {@code values} (by key); empty without {@code smtp-host}.
   *
   * @throws UserFacingException naming the option and the rule, when a value is wrong or one is
   *     given without {@code --smtp-host}
   */
  static Optional<SmtpSettings> settings(Function<String, String> values) {
    Optional<String> host = value(values, "smtp-host");
    if (host.isEmpty()) {
      for (String key :
          new String[] {
            "smtp-port",
            "smtp-security",
            "smtp-user",
            "smtp-password",
            "mail-from",
            "smtp-trust-cert"
          }) {
        if (value(values, key).isPresent()) {
          throw new UserFacingException("--" + key + " needs --smtp-host");
        }
      }
      return Optional.empty();
    }
    String given = value(values, "smtp-security").orElse("starttls");
    SmtpSettings.Security security =
        SmtpSettings.Security.parse(given)
            .orElseThrow(
                () ->
                    new UserFacingException(
                        "--smtp-security must be none, starttls or tls, not '" + given + "'"));
    int port = security.defaultPort();
    Optional<String> portText = value(values, "smtp-port");
    if (portText.isPresent()) {
      try {
        port = Integer.parseInt(portText.get());
      } catch (NumberFormatException e) {
        throw new UserFacingException("--smtp-port must be a number: '" + portText.get() + "'", e);
      }
    }
    String from =
        value(values, "mail-from")
            .orElseThrow(
                () -> new UserFacingException("--smtp-host needs --mail-from (the sender)"));
    try {
      return Optional.of(
          new SmtpSettings(
              host.get(),
              port,
              security,
              value(values, "smtp-user"),
              value(values, "smtp-password"),
              from,
              TIMEOUT,
              value(values, "smtp-trust-cert").map(Path::of)));
    } catch (IllegalArgumentException e) {
      throw new UserFacingException("e-mail settings: " + e.getMessage(), e);
    }
  }

  private static Optional<String> value(Function<String, String> values, String key) {
    return Optional.ofNullable(values.apply(key)).map(String::strip).filter(v -> !v.isEmpty());
  }
}
