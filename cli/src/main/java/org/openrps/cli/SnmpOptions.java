package org.openrps.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.openrps.agent.poll.CredentialSet;
import org.openrps.agent.poll.PollSettings;
import org.openrps.agent.poll.PortProbe;
import org.openrps.agent.poll.ReadBudget;
import org.openrps.agent.target.TargetList;
import org.openrps.snmp.AuthProtocol;
import org.openrps.snmp.Passphrase;
import org.openrps.snmp.PrivProtocol;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.UsmUser;
import picocli.CommandLine.Option;

/**
 * How to ask devices, the same for {@code scan} and {@code agent}: port, credential sets in the
 * order they are tried, timeouts, concurrency, scan budget, FIPS mode.
 */
final class SnmpOptions {

  @Option(
      names = "--port",
      defaultValue = "161",
      description = "SNMP port (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(
      names = "--community",
      paramLabel = "COMMUNITY",
      split = "\n",
      description = "SNMPv1/v2c community, for every address; repeatable (default: public).")
  List<String> communities = new ArrayList<>();

  @Option(
      names = "--community-for",
      paramLabel = "TARGETS=COMMUNITY",
      split = "\n",
      description = "A community only for some addresses, e.g. 10.1.0.0/16=branch; repeatable.")
  List<String> scopedCommunities = new ArrayList<>();

  @Option(
      names = "--v1-fallback",
      description =
          "Retry a community that gets no v2c answer with SNMPv1 (old devices; silent addresses"
              + " then cost two timeouts).")
  boolean v1Fallback;

  @Option(names = "--v3-user", paramLabel = "NAME", description = "SNMPv3 USM user name.")
  String v3User;

  @Option(
      names = "--v3",
      paramLabel = "USER:AUTH:AUTHPASS:PRIV:PRIVPASS",
      split = "\n",
      description =
          "An SNMPv3 user for every address, e.g. scanner:sha256:secret1:aes128:secret2;"
              + " scanner:sha256:secret1 (no privacy) or scanner (noAuthNoPriv); repeatable,"
              + " tried in the order given, after --v3-user. Write a ':' or '\\' inside a"
              + " name or passphrase as '\\:' or '\\\\'.")
  List<String> v3Users = new ArrayList<>();

  @Option(
      names = "--v3-for",
      paramLabel = "TARGETS=USER:AUTH:AUTHPASS:PRIV:PRIVPASS",
      split = "\n",
      description =
          "An SNMPv3 user only for some addresses, e.g. 10.1.0.0/16=branch:sha256:s1;"
              + " repeatable, tried after the --v3 users.")
  List<String> scopedV3Users = new ArrayList<>();

  @Option(
      names = "--auth",
      paramLabel = "PROTOCOL",
      defaultValue = "none",
      description = "v3 authentication: none, md5, sha1, sha224, sha256, sha384, sha512.")
  String auth;

  @Option(names = "--auth-pass", paramLabel = "PASSPHRASE", description = "v3 auth passphrase.")
  String authPass;

  @Option(
      names = "--priv",
      paramLabel = "PROTOCOL",
      defaultValue = "none",
      description = "v3 privacy: none, des, aes128, aes192, aes256.")
  String priv;

  @Option(names = "--priv-pass", paramLabel = "PASSPHRASE", description = "v3 privacy passphrase.")
  String privPass;

  @Option(
      names = "--context",
      paramLabel = "NAME",
      defaultValue = "",
      description = "v3 context name (e.g. Jetdirect for some HP devices).")
  String context;

  @Option(names = "--fips", description = "FIPS mode: refuse MD5 and DES.")
  boolean fips;

  @Option(
      names = "--timeout",
      defaultValue = "PT2S",
      description = "Per-request timeout, ISO-8601 (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Option(
      names = "--retries",
      defaultValue = "1",
      description = "Retries after a timeout (default: ${DEFAULT-VALUE}).")
  int retries;

  @Option(
      names = "--max-in-flight",
      defaultValue = "64",
      description = "Requests outstanding at once (default: ${DEFAULT-VALUE}).")
  int maxInFlight;

  @Option(
      names = "--rate",
      paramLabel = "PER_SECOND",
      defaultValue = "0",
      description = "Scan budget: most requests started per second; 0 = no budget.")
  int rate;

  @Option(
      names = "--probe-ports",
      description =
          "Discovery: TCP-connect (nothing sent) to the print ports of addresses not read as"
              + " printers; an open one with no SNMP answer is reported as 'print port only'."
              + " Off by default.")
  boolean probePorts;

  @Option(
      names = "--print-ports",
      paramLabel = "PORTS",
      split = ",",
      defaultValue = "515,9100,2000,2105",
      description = "The print ports --probe-ports tries, in order (default: ${DEFAULT-VALUE}).")
  List<Integer> printPorts = new ArrayList<>();

  @Option(
      names = "--probe-timeout",
      defaultValue = "PT0.3S",
      description = "Connect timeout of one print-port probe (default: ${DEFAULT-VALUE}).")
  Duration probeTimeout;

  @Option(
      names = "--max-rows-per-table",
      paramLabel = "ROWS",
      defaultValue = "" + ReadBudget.DEFAULT_ROWS_PER_TABLE,
      description =
          "Read budget: most rows read from one table of a device; a longer table is kept up to"
              + " here and the device says 'truncated' (default: ${DEFAULT-VALUE}).")
  int maxRowsPerTable;

  @Option(
      names = "--max-values-per-device",
      paramLabel = "VALUES",
      defaultValue = "" + ReadBudget.DEFAULT_VARBINDS_PER_DEVICE,
      description =
          "Read budget: most values read from one device over all its requests"
              + " (default: ${DEFAULT-VALUE}).")
  int maxValuesPerDevice;

  @Option(
      names = "--max-time-per-device",
      defaultValue = "PT" + ReadBudget.DEFAULT_SECONDS_PER_DEVICE + "S",
      description =
          "Read budget: longest one device's read may go on, ISO-8601; the tables not yet asked"
              + " are skipped and said (default: ${DEFAULT-VALUE}).")
  Duration maxTimePerDevice;

  /** The read budget these options describe; a value out of range names its option. */
  ReadBudget budget() {
    if (maxRowsPerTable < 1 || maxRowsPerTable > 200_000) {
      throw new IllegalArgumentException(
          "--max-rows-per-table must be 1 to 200000, not " + maxRowsPerTable);
    }
    if (maxValuesPerDevice < 1 || maxValuesPerDevice > 1_000_000) {
      throw new IllegalArgumentException(
          "--max-values-per-device must be 1 to 1000000, not " + maxValuesPerDevice);
    }
    if (maxTimePerDevice.isNegative() || maxTimePerDevice.isZero()) {
      throw new IllegalArgumentException(
          "--max-time-per-device must be more than 0, not " + maxTimePerDevice);
    }
    return new ReadBudget(maxRowsPerTable, maxValuesPerDevice, maxTimePerDevice);
  }

  /** The settings these options describe; a broken combination names the option. */
  PollSettings settings() {
    return new PollSettings(
        port,
        credentialSets(),
        timeout,
        retries,
        maxInFlight,
        v1Fallback,
        rate,
        fips,
        budget(),
        probePorts ? new PortProbe(printPorts, probeTimeout) : PortProbe.off());
  }

  /** The credential sets in the order they are tried; secrets never reach toString or logs. */
  List<CredentialSet> credentialSets() {
    List<CredentialSet> sets = new ArrayList<>();
    if (v3User != null) {
      AuthProtocol a = protocol(AuthProtocol.values(), auth, "--auth");
      PrivProtocol p = protocol(PrivProtocol.values(), priv, "--priv");
      UsmUser user;
      if (a == AuthProtocol.NONE) {
        if (p != PrivProtocol.NONE) {
          throw new IllegalArgumentException("--priv needs --auth");
        }
        user = UsmUser.noAuthNoPriv(v3User);
      } else if (p == PrivProtocol.NONE) {
        user = UsmUser.authNoPriv(v3User, a, passphrase(authPass, "--auth-pass"));
      } else {
        user =
            UsmUser.authPriv(
                v3User,
                a,
                passphrase(authPass, "--auth-pass"),
                p,
                passphrase(privPass, "--priv-pass"));
      }
      sets.add(CredentialSet.everywhere("v3 " + v3User, new SnmpCredentials.Usm(user, context)));
    } else if (!auth.equals("none") || !priv.equals("none") || authPass != null) {
      throw new IllegalArgumentException("--auth, --priv and their passphrases need --v3-user");
    }
    int n = 0;
    for (String spec : v3Users) {
      UsmUser user = v3User(spec, "--v3");
      sets.add(
          CredentialSet.everywhere("v3 " + user.name(), new SnmpCredentials.Usm(user, context)));
    }
    for (String scoped : scopedV3Users) {
      int eq = scoped.indexOf('=');
      if (eq <= 0 || eq == scoped.length() - 1) {
        throw new IllegalArgumentException(
            "--v3-for wants TARGETS=USER:AUTH:AUTHPASS:PRIV:PRIVPASS, e.g."
                + " 10.1.0.0/16=branch:sha256:secret1");
      }
      n++;
      UsmUser user = v3User(scoped.substring(eq + 1), "--v3-for");
      sets.add(
          new CredentialSet(
              "v3-for " + n + " " + user.name(),
              new SnmpCredentials.Usm(user, context),
              Optional.of(TargetList.of(scoped.substring(0, eq)))));
    }
    n = 0;
    for (String scoped : scopedCommunities) {
      int eq = scoped.indexOf('=');
      if (eq <= 0 || eq == scoped.length() - 1) {
        throw new IllegalArgumentException(
            "--community-for wants TARGETS=COMMUNITY, e.g. 10.1.0.0/16=branch");
      }
      n++;
      sets.add(
          new CredentialSet(
              "community-for " + n,
              SnmpCredentials.Community.v2c(scoped.substring(eq + 1)),
              Optional.of(TargetList.of(scoped.substring(0, eq)))));
    }
    List<String> plain = communities.isEmpty() && sets.isEmpty() ? List.of("public") : communities;
    n = 0;
    for (String c : plain) {
      n++;
      sets.add(CredentialSet.everywhere("community " + n, SnmpCredentials.Community.v2c(c)));
    }
    return sets;
  }

  /** {@code USER[:AUTH:AUTHPASS[:PRIV:PRIVPASS]]}; messages never repeat a passphrase. */
  static UsmUser v3User(String spec, String option) {
    String[] f = fields(spec, 5);
    String name = f[0];
    if (name.isEmpty() || f.length == 2 || f.length == 4) {
      throw new IllegalArgumentException(
          option + " wants USER, USER:AUTH:AUTHPASS or USER:AUTH:AUTHPASS:PRIV:PRIVPASS");
    }
    if (f.length == 1) {
      return UsmUser.noAuthNoPriv(name);
    }
    AuthProtocol a = protocol(AuthProtocol.values(), f[1], option + " " + name + " auth");
    if (a == AuthProtocol.NONE) {
      throw new IllegalArgumentException(option + " " + name + ": auth none takes no passphrase");
    }
    Passphrase authPass = passphrase(f[2], option + " " + name + " auth passphrase");
    if (f.length == 3) {
      return UsmUser.authNoPriv(name, a, authPass);
    }
    PrivProtocol p = protocol(PrivProtocol.values(), f[3], option + " " + name + " priv");
    if (p == PrivProtocol.NONE) {
      throw new IllegalArgumentException(option + " " + name + ": priv none takes no passphrase");
    }
    return UsmUser.authPriv(
        name, a, authPass, p, passphrase(f[4], option + " " + name + " priv passphrase"));
  }

  /**
   * {@code spec} split at each ':' into at most {@code max} fields, the last taking the rest; a
   * backslash makes the next ':' or backslash part of the field ({@code s\:cret} is {@code
   * s:cret}); any other backslash is itself.
   */
  static String[] fields(String spec, int max) {
    List<String> out = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    for (int i = 0; i < spec.length(); i++) {
      char c = spec.charAt(i);
      if (c == '\\'
          && i + 1 < spec.length()
          && (spec.charAt(i + 1) == ':' || spec.charAt(i + 1) == '\\')) {
        field.append(spec.charAt(++i));
      } else if (c == ':' && out.size() < max - 1) {
        out.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    out.add(field.toString());
    return out.toArray(String[]::new);
  }

  private static <E extends Enum<E>> E protocol(E[] values, String text, String option) {
    for (E e : values) {
      if (e.name().equalsIgnoreCase(text)) {
        return e;
      }
    }
    throw new IllegalArgumentException(option + ": unknown protocol \"" + text + "\"");
  }

  private static Passphrase passphrase(String value, String option) {
    if (value == null) {
      throw new IllegalArgumentException(option + " is needed for this protocol");
    }
    try {
      return Passphrase.of(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
    }
  }
}
