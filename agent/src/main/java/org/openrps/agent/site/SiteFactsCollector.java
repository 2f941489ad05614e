package org.openrps.agent.site;

import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.openrps.agent.schedule.Schedule;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.StatusQueries;
import org.openrps.wire.SiteFacts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects the agent's {@link SiteFacts} from the JDK, the host and the agent's own store. Cheap
 * (no process started, no packet sent) and never failing: a fact that cannot be read is absent, and
 * why is logged at debug.
 *
 * <p>Where each fact comes from:
 *
 * <ul>
 *   <li>host name: the local host's canonical (DNS) name; its configured name when the reverse
 *       lookup gives only an address
 *   <li>agent address: the local address of a UDP socket connected to the server's host and port
 *       (connecting a datagram socket picks the route and sends nothing)
 *   <li>operating system: {@code os.name}, {@code os.version}, {@code os.arch}; 32 or 64 bits from
 *       the architecture's name, else {@code sun.arch.data.model} (what the JVM sees: a 32-bit JVM
 *       on a 64-bit system says 32)
 *   <li>processor: "model name" of {@code /proc/cpuinfo} on Linux, {@code PROCESSOR_IDENTIFIER} on
 *       Windows, absent elsewhere; processors: {@link Runtime#availableProcessors()}
 *   <li>memory: {@code com.sun.management.OperatingSystemMXBean} total and free physical memory
 *   <li>disk: the file store of the agent's database, total and usable space
 *   <li>time zone: {@link ZoneId#systemDefault()}
 *   <li>database: the store's file plus its write-ahead log; discovery data: the pages of its
 *       device and poll tables with their indexes (SQLite's {@code dbstat})
 *   <li>devices discovered: devices in the store; printers managed and out of scope: those of this
 *       agent's last cycle (absent before its first)
 *   <li>sync schedule (sync-at and its time zone, poll period, next sync): the {@link Schedule} in
 *       force, as the agent's daemon set it (remote settings applied); absent when the agent runs
 *       on none (a single run, or disabled by the server)
 *   <li>backlog: the store's outbox, snapshots not acknowledged nor refused ({@link
 *       StatusQueries#backlog()}), counted now; in a report, besides that report's own ({@link
 *       #carriedBy})
 * </ul>
 */
public final class SiteFactsCollector {

  /** What the agent's last cycle found. */
  public record LastCycle(int printers, int outOfScope) {}

  private static final Logger log = LoggerFactory.getLogger(SiteFactsCollector.class);

  /** The wire's limit on a short text (schema {@code shortText}). */
  static final int SHORT_TEXT = 256;

  /** The wire's limit on an address or an architecture name. */
  static final int TOKEN = 64;

  private static final Pattern TIME_ZONE = Pattern.compile("[A-Za-z0-9~/._+:-]{1,64}");
  private static final Set<String> BITS_64 =
      Set.of(
          "amd64",
          "x86_64",
          "aarch64",
          "arm64",
          "ppc64",
          "ppc64le",
          "s390x",
          "sparcv9",
          "riscv64",
          "loongarch64",
          "mips64",
          "mips64el",
          "ia64");
  private static final Set<String> BITS_32 =
      Set.of(
          "x86", "i386", "i486", "i586", "i686", "arm", "ppc", "s390", "sparc", "mips", "mipsel");

  private final AgentStore store;
  private final Supplier<Optional<Schedule>> schedule;
  private final URI server;
  private final Optional<String> siteName;
  private final Optional<String> rulesVersion;
  private final String agentVersion;
  private final Clock clock;

  /**
   * @param store the agent's store, for its size, its devices and its outbox
   * @param schedule the schedule the agent runs on now, if any; asked at each collection
   * @param server the server's URL: the agent's address is the one that routes there
   * @param siteName the configured site name, if any
   * @param rulesVersion the version of the vendor profiles in use, if known
   * @param agentVersion this agent's version
   * @param clock the time of collection
   */
  public SiteFactsCollector(
      AgentStore store,
      Supplier<Optional<Schedule>> schedule,
      URI server,
      Optional<String> siteName,
      Optional<String> rulesVersion,
      String agentVersion,
      Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.server = Objects.requireNonNull(server, "server");
    this.siteName = Objects.requireNonNull(siteName, "siteName");
    this.rulesVersion = Objects.requireNonNull(rulesVersion, "rulesVersion");
    this.agentVersion = Objects.requireNonNull(agentVersion, "agentVersion");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The facts as they are now; {@code last} is what the agent's last cycle found, if any. */
  public SiteFacts collect(Optional<LastCycle> last) {
    Objects.requireNonNull(last, "last");
    Optional<String> arch = text("osArch", () -> System.getProperty("os.arch"), TOKEN);
    Optional<com.sun.management.OperatingSystemMXBean> os = fact("memory", SiteFactsCollector::os);
    Optional<FileStore> disk =
        fact("disk", () -> Files.getFileStore(store.file().toAbsolutePath().getParent()));
    Instant now = clock.instant();
    Optional<Schedule> inForce = fact("schedule", schedule::get).flatMap(s -> s);
    Optional<StatusQueries.Backlog> backlog =
        fact("backlog", () -> new StatusQueries(store).backlog());
    return new SiteFacts(
        now,
        agentVersion,
        text("hostName", SiteFactsCollector::hostName, SHORT_TEXT),
        siteName.map(name -> cut(name, SHORT_TEXT)),
        text("agentAddress", this::agentAddress, TOKEN),
        text("osName", () -> System.getProperty("os.name"), SHORT_TEXT),
        text("osVersion", () -> System.getProperty("os.version"), SHORT_TEXT),
        arch,
        fact("osBits", () -> bits(arch)),
        text("processor", SiteFactsCollector::processor, SHORT_TEXT),
        fact("processors", () -> Runtime.getRuntime().availableProcessors()),
        os.flatMap(o -> positive("memoryBytes", o::getTotalMemorySize)),
        os.flatMap(o -> fact("memoryFreeBytes", o::getFreeMemorySize)),
        disk.flatMap(d -> positive("diskBytes", d::getTotalSpace)),
        disk.flatMap(d -> fact("diskFreeBytes", d::getUsableSpace)),
        fact("timeZone", SiteFactsCollector::timeZone),
        fact("databaseBytes", store::fileBytes),
        fact("discoveryDataBytes", store::discoveryDataBytes),
        fact("devicesDiscovered", store::deviceCount),
        last.map(LastCycle::printers),
        last.map(LastCycle::outOfScope),
        rulesVersion.map(v -> cut(v, SHORT_TEXT)),
        inForce.map(s -> s.syncAt().truncatedTo(ChronoUnit.SECONDS).toString()),
        inForce.map(s -> s.zone().getId()).filter(id -> TIME_ZONE.matcher(id).matches()),
        inForce.map(s -> (int) s.pollEvery().toSeconds()),
        inForce.flatMap(s -> fact("nextSyncAt", () -> s.nextSyncAfter(now))),
        backlog.map(StatusQueries.Backlog::readings),
        backlog.map(StatusQueries.Backlog::bytes),
        backlog.flatMap(StatusQueries.Backlog::oldest));
  }

  /**
   * {@code facts} as report {@code reportId} carries them: the backlog counted now, besides that
   * report's own readings (they are on their way), so a sync that sends everything reports none
   * waiting. The other facts stay as collected.
   */
  public SiteFacts carriedBy(SiteFacts facts, String reportId) {
    Objects.requireNonNull(facts, "facts");
    Objects.requireNonNull(reportId, "reportId");
    Optional<StatusQueries.Backlog> backlog =
        fact("backlog", () -> new StatusQueries(store).backlogBeyond(reportId));
    return facts.withSync(
        facts.syncAt(),
        facts.syncTimeZone(),
        facts.pollEverySeconds(),
        facts.nextSyncAt(),
        backlog.map(StatusQueries.Backlog::readings),
        backlog.map(StatusQueries.Backlog::bytes),
        backlog.flatMap(StatusQueries.Backlog::oldest));
  }

  /** The value {@code read} gives; empty when it gives null or fails (logged at debug). */
  static <T> Optional<T> fact(String name, Callable<T> read) {
    try {
      return Optional.ofNullable(read.call());
    } catch (Exception | LinkageError e) {
      log.debug("site information: {} not read: {}", name, e.toString());
      return Optional.empty();
    }
  }

  private static Optional<Long> positive(String name, Callable<Long> read) {
    return fact(name, read).filter(n -> n > 0);
  }

  /** A text fact: stripped, without control characters, cut to the wire's limit; never blank. */
  static Optional<String> text(String name, Callable<String> read, int max) {
    return fact(name, read)
        .map(s -> s.replaceAll("\\p{Cntrl}", " ").strip())
        .filter(s -> !s.isEmpty())
        .map(s -> cut(s, max));
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max);
  }

  private static String hostName() throws Exception {
    InetAddress local = InetAddress.getLocalHost();
    String canonical = local.getCanonicalHostName();
    return canonical.equals(local.getHostAddress()) ? local.getHostName() : canonical;
  }

  private String agentAddress() throws Exception {
    String host = server.getHost();
    int port = server.getPort() > 0 ? server.getPort() : 443;
    try (DatagramSocket socket = new DatagramSocket()) {
      socket.connect(InetAddress.getByName(host), port);
      InetAddress local = socket.getLocalAddress();
      return local == null || local.isAnyLocalAddress() ? null : local.getHostAddress();
    }
  }

  private static com.sun.management.OperatingSystemMXBean os() {
    OperatingSystemMXBean bean = ManagementFactory.getOperatingSystemMXBean();
    return bean instanceof com.sun.management.OperatingSystemMXBean withMemory ? withMemory : null;
  }

  static Integer bits(Optional<String> arch) {
    String name = arch.map(a -> a.toLowerCase(Locale.ROOT)).orElse("");
    if (BITS_64.contains(name)) {
      return 64;
    }
    if (BITS_32.contains(name)) {
      return 32;
    }
    String model = System.getProperty("sun.arch.data.model", "");
    return model.equals("64") ? 64 : model.equals("32") ? 32 : null;
  }

  private static String processor() throws Exception {
    String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
    if (os.startsWith("linux")) {
      Path cpuinfo = Path.of("/proc/cpuinfo");
      try (BufferedReader in = Files.newBufferedReader(cpuinfo, StandardCharsets.UTF_8)) {
        String line;
        while ((line = in.readLine()) != null) {
          int colon = line.indexOf(':');
          if (colon > 0 && line.substring(0, colon).strip().equals("model name")) {
            return line.substring(colon + 1);
          }
        }
      }
      return null;
    }
    if (os.startsWith("windows")) {
      return System.getenv("PROCESSOR_IDENTIFIER");
    }
    return null;
  }

  private static String timeZone() {
    String id = ZoneId.systemDefault().getId();
    return TIME_ZONE.matcher(id).matches() ? id : null;
  }
}
