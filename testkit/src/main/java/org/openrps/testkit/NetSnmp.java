package org.openrps.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * net-snmp's command-line tools ({@code snmpget}, {@code snmpwalk}, {@code snmpbulkwalk}) as the
 * independent SNMP client of a test (CONTRIBUTING: "net-snmp's tools are the independent client").
 *
 * <p>Every command loads no MIB files and prints numeric OIDs ({@code -m "" -On}), so output is the
 * same on every machine. A value is immutable: each {@code with…} method returns a copy.
 *
 * <pre>{@code
 * NetSnmp.Result r = NetSnmp.v2c("public").get(printer.address(), "1.3.6.1.2.1.1.5.0");
 * assertThat(r.succeeded()).as(r.output()).isTrue();
 * assertThat(r.bindings()).containsEntry(".1.3.6.1.2.1.1.5.0", "STRING: \"prn-1\"");
 * }</pre>
 */
public final class NetSnmp {

  /** How long a tool may run before it is killed and the test fails. */
  public static final Duration PROCESS_LIMIT = Duration.ofSeconds(30);

  private final List<String> security;
  private final Duration timeout;
  private final int retries;
  private final List<String> extra;

  private NetSnmp(List<String> security, Duration timeout, int retries, List<String> extra) {
    this.security = List.copyOf(security);
    this.timeout = timeout;
    this.retries = retries;
    this.extra = List.copyOf(extra);
  }

  /** SNMPv1 with {@code community}; 2 s timeout, 1 retry. */
  public static NetSnmp v1(String community) {
    return new NetSnmp(
        List.of("-v1", "-c", Objects.requireNonNull(community, "community")),
        Duration.ofSeconds(2),
        1,
        List.of());
  }

  /** SNMPv2c with {@code community}; 2 s timeout, 1 retry. */
  public static NetSnmp v2c(String community) {
    return new NetSnmp(
        List.of("-v2c", "-c", Objects.requireNonNull(community, "community")),
        Duration.ofSeconds(2),
        1,
        List.of());
  }

  /**
   * SNMPv3 with net-snmp's own security options, e.g. {@code v3("-l", "authPriv", "-u", "ops",
   * "-a", "SHA-256", "-A", "…", "-x", "AES", "-X", "…")}; 2 s timeout, 1 retry.
   */
  public static NetSnmp v3(String... securityOptions) {
    List<String> security = new ArrayList<>(List.of("-v3"));
    security.addAll(List.of(securityOptions));
    return new NetSnmp(security, Duration.ofSeconds(2), 1, List.of());
  }

  /** This client with net-snmp's {@code -t}: seconds to wait for each answer (whole seconds). */
  public NetSnmp withTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero() || timeout.toMillis() % 1000 != 0) {
      throw new IllegalArgumentException("net-snmp takes a whole, positive number of seconds");
    }
    return new NetSnmp(security, timeout, retries, extra);
  }

  /** This client with net-snmp's {@code -r}: retries after a timeout. */
  public NetSnmp withRetries(int retries) {
    if (retries < 0) {
      throw new IllegalArgumentException("retries is negative: " + retries);
    }
    return new NetSnmp(security, timeout, retries, extra);
  }

  /**
   * This client with more options before the target, e.g. {@code "-n", "context"} or {@code
   * "-Cr25"}.
   */
  public NetSnmp withOptions(String... options) {
    List<String> more = new ArrayList<>(extra);
    more.addAll(List.of(options));
    return new NetSnmp(security, timeout, retries, more);
  }

  /** {@code snmpget} of {@code oids} from the agent at {@code address}. */
  public Result get(InetSocketAddress address, String... oids) {
    return run(command("snmpget", address, oids));
  }

  /** {@code snmpwalk} of the subtree {@code oid} (GETNEXT; the only walk SNMPv1 has). */
  public Result walk(InetSocketAddress address, String oid) {
    return run(command("snmpwalk", address, oid));
  }

  /** {@code snmpbulkwalk} of the subtree {@code oid} (GETBULK; v2c and v3). */
  public Result bulkWalk(InetSocketAddress address, String oid) {
    return run(command("snmpbulkwalk", address, oid));
  }

  /** The command line {@link #get}, {@link #walk} and {@link #bulkWalk} run, for any tool. */
  public List<String> command(String tool, InetSocketAddress address, String... oids) {
    List<String> command = new ArrayList<>(List.of(tool, "-m", "", "-On"));
    command.addAll(
        List.of("-t", Long.toString(timeout.toSeconds()), "-r", Integer.toString(retries)));
    command.addAll(security);
    command.addAll(extra);
    command.add(target(address));
    command.addAll(List.of(oids));
    return command;
  }

  /** net-snmp's name for a UDP address: {@code udp:127.0.0.1:16100}. */
  public static String target(InetSocketAddress address) {
    return "udp:" + address.getAddress().getHostAddress() + ":" + address.getPort();
  }

  /** Whether net-snmp's {@code snmpget} can be run on this machine. */
  public static boolean installed() {
    try {
      return run(List.of("snmpget", "-V")).succeeded();
    } catch (UncheckedIOException e) {
      return false;
    }
  }

  /**
   * Runs {@code command} and returns its exit code with standard output and error together.
   *
   * @throws IllegalStateException if it runs longer than {@link #PROCESS_LIMIT} (it is killed)
   * @throws UncheckedIOException if it cannot be started (net-snmp not installed)
   */
  public static Result run(List<String> command) {
    Path output = null;
    try {
      output = Files.createTempFile("netsnmp", ".out");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      try {
        if (!process.waitFor(PROCESS_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(
              String.join(" ", command) + " still running after " + PROCESS_LIMIT);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        process.destroyForcibly();
        throw new IllegalStateException("interrupted while running " + command.get(0), e);
      }
      return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
    } finally {
      if (output != null) {
        try {
          Files.deleteIfExists(output);
        } catch (IOException e) {
          output.toFile().deleteOnExit();
        }
      }
    }
  }

  /**
   * What a tool said.
   *
   * @param exitCode the process's exit code: 0 when every request was answered
   * @param output standard output and standard error, in the order written
   */
  public record Result(int exitCode, String output) {

    private static final String END_OF_VIEW = " = No more variables left";

    public Result {
      Objects.requireNonNull(output, "output");
    }

    /** Whether the tool exited 0. */
    public boolean succeeded() {
      return exitCode == 0;
    }

    /** Whether the agent did not answer ("Timeout: No Response from …"). */
    public boolean timedOut() {
      return output.contains("Timeout: No Response");
    }

    /**
     * The variable bindings printed ({@code .1.3.6.1.2.1.1.5.0 = STRING: "prn-1"}), OID to value
     * text ({@code STRING: "prn-1"}), in output order. A value that spans lines (a long hex string)
     * keeps its first line only; other lines (errors) and the end-of-MIB-view marker of a bulk walk
     * are left out; noSuchObject and noSuchInstance are kept.
     */
    public Map<String, String> bindings() {
      Map<String, String> bindings = new LinkedHashMap<>();
      for (String line : output.split("\\R")) {
        int eq = line.indexOf(" = ");
        if (line.startsWith(".") && eq > 0 && !line.startsWith(END_OF_VIEW, eq)) {
          bindings.put(line.substring(0, eq), line.substring(eq + 3));
        }
      }
      return bindings;
    }
  }
}
