package org.openrps.simulator;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import org.openrps.simulator.PrinterModel.Field;
import org.openrps.simulator.PrinterModel.Kind;
import org.openrps.simulator.PrinterModel.LevelStyle;
import org.openrps.simulator.PrinterModel.Shares;
import org.openrps.simulator.PrinterModel.Supply;
import org.openrps.simulator.PrinterModel.Tray;
import org.openrps.snmp.MibView;
import org.openrps.snmp.Oid;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.VarBind;
import org.openrps.snmp.mib.StandardMib;

/**
 * One simulated device: its model's shared layout plus a few numbers of its own. Every value is
 * computed when asked, from those numbers and the clock: pages rise with (office) time from the
 * simulation's start, supplies fall with pages, alerts come and go by the hour. Nothing changes in
 * the object itself, so the same printer can be rebuilt in another process; only the commands of a
 * Device Direct module running inside it ({@link Remote}) change what it answers, in its process.
 */
final class Printer implements SimulatedPrinter, MibView {

  private static final long HOUR = OfficeTime.HOUR;
  private static final long MAX_UPTIME_MILLIS = 40L * 24 * HOUR;
  private static final long WRAP = 1L << 32;

  /** Of the scans of a model that copies, the share that are copies' originals. */
  private static final double SCAN_COPY_SHARE = 0.4;

  /** Of the network scans, the share sent by e-mail (the rest go to a folder). */
  private static final double SCAN_EMAIL_SHARE = 0.5;

  private static final SnmpValue EMPTY = SnmpValue.OctetString.of("");
  private static final Oid ZERO_DOT_ZERO = Oid.of("0.0");
  private static final Oid HR_STORAGE_RAM = StandardMib.HR_STORAGE_RAM;
  private static final Oid HR_DEVICE_OTHER = StandardMib.HR_DEVICE_OTHER;

  private final PrinterModel model;
  private final Fleet fleet;
  private final int index;
  private final InetSocketAddress address;
  private final String serial;
  private final int macLow;
  private final int location;
  private final long startMillis;
  private final long bootMillis;
  private final long basePages;
  private final long pagesPerHour;
  private final int[] supplyOffsets; // pages already used from each supply when the start came
  private final boolean nightOff;
  private final Optional<FaultKind> fault;
  private final Optional<Printer> replacement;
  private final long swapMillis;
  private final Remote remote = new Remote();

  private Printer(Fleet fleet, int index, InetSocketAddress address, int generation) {
    this.fleet = fleet;
    this.index = index;
    this.address = address;
    SplittableRandom random =
        new SplittableRandom(
            fleet.seed() * 0x9E3779B97F4A7C15L + index + generation * 7_777_777_777L);
    this.model = fleet.catalog().pick(random.nextInt(fleet.catalog().totalWeight()));
    this.serial =
        serial(model.serialPattern(), fleet.seed(), index + generation * fleet.size(), random);
    this.macLow =
        (int)
            (((index + generation * (long) fleet.size()) * 0x9E3779B1L + fleet.seed() * 0x2545F491L)
                & 0xFF_FFFF);
    this.location = random.nextInt(fleet.catalog().locations().size());
    Life life = fleet.life();
    this.swapMillis = fleet.startMillis() + life.swapAfter().toMillis();
    this.startMillis = generation == 0 ? fleet.startMillis() : swapMillis;
    this.bootMillis = startMillis - random.nextLong(60_000, MAX_UPTIME_MILLIS);
    long rate = random.nextLong(model.pagesPerHourMin(), model.pagesPerHourMax() + 1);
    this.pagesPerHour = rate;
    long base = random.nextLong(model.initialPagesMin(), model.initialPagesMax() + 1);
    if (generation == 1) {
      base = random.nextLong(0, 50);
    } else if (index == life.wrapIndex()) {
      base = WRAP - 3 * Math.max(1, rate) - 1 - random.nextInt(10);
    }
    this.basePages = base;
    List<Supply> supplies = model.supplies();
    this.supplyOffsets = new int[supplies.size()];
    for (int i = 0; i < supplyOffsets.length; i++) {
      supplyOffsets[i] =
          (int) random.nextLong(0, Math.max(1, supplies.get(i).pagesPerFill() * 7 / 10));
    }
    this.nightOff = generation == 0 && fleet.unit(index, 0x0FF, 2) < life.nightOffShare();
    this.fault = generation == 0 ? fleet.faultOf(index) : Optional.empty();
    this.replacement =
        generation == 0 && index == life.swapIndex()
            ? Optional.of(new Printer(fleet, index, address, 1))
            : Optional.empty();
  }

  /**
   * Printer {@code index} of a fleet: the same arguments always give the same printer. Serial
   * numbers and MAC addresses are unique within a fleet.
   */
  static Printer create(Fleet fleet, int index, InetSocketAddress address) {
    return new Printer(fleet, index, address, 0);
  }

  /**
   * The serial from its pattern: the '#' digits are a bijection of the index (so no two printers of
   * a fleet share one), the '@' letters are random.
   */
  static String serial(String pattern, long seed, int index, SplittableRandom random) {
    int digits = (int) pattern.chars().filter(c -> c == '#').count();
    long space = 1;
    for (int i = 0; i < digits; i++) {
      space *= 10;
    }
    // 7919 is prime and not 2 or 5, so i -> i * 7919 + offset is a bijection modulo 10^digits.
    long number = Math.floorMod(index * 7_919L + seed * 104_729L, space);
    String numberText = String.format("%0" + digits + "d", number);
    StringBuilder out = new StringBuilder(pattern.length());
    int next = 0;
    for (char c : pattern.toCharArray()) {
      if (c == '#') {
        out.append(numberText.charAt(next++));
      } else if (c == '@') {
        out.append((char) ('A' + random.nextInt(26)));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** The device answering at this printer's place at {@code now}: itself, or its replacement. */
  private Printer current(long now) {
    if (replacement.isPresent() && now >= swapMillis) {
      return replacement.get();
    }
    return this;
  }

  int index() {
    return index;
  }

  PrinterModel printerModel() {
    return current(fleet.clock().millis()).model;
  }

  Optional<FaultKind> fault() {
    return fault;
  }

  /** The device that takes its place (same address, new serial and MAC) at {@link #swapMillis}. */
  Optional<Printer> replacement() {
    return replacement;
  }

  long swapMillis() {
    return swapMillis;
  }

  boolean changesOverTime() {
    return nightOff || index == fleet.life().moveIndex();
  }

  /** Whether it is switched on at {@code now}. */
  boolean poweredAt(long now) {
    return !nightOff || OfficeTime.isPowered(now, fleet.life().zone());
  }

  /** Where it answers at {@code now} (it moves once if it is the fleet's DHCP printer). */
  InetSocketAddress addressAt(long now) {
    Life life = fleet.life();
    if (index == life.moveIndex() && now >= fleet.startMillis() + life.moveAfter().toMillis()) {
      return fleet.spareAddress();
    }
    return address;
  }

  @Override
  public InetSocketAddress address() {
    return addressAt(fleet.clock().millis());
  }

  @Override
  public String make() {
    return printerModel().make();
  }

  @Override
  public String brand() {
    return printerModel().brand();
  }

  @Override
  public String model() {
    return printerModel().model();
  }

  @Override
  public String serial() {
    return current(fleet.clock().millis()).serial;
  }

  @Override
  public OptionalLong count(String placeholder) {
    for (Template.Var var : Template.Var.values()) {
      if (var.text.equals(placeholder)
          && var.numeric()
          && var != Template.Var.UPTIME
          && var != Template.Var.LEVEL
          && var != Template.Var.PERCENT) {
        long now = fleet.clock().millis();
        Printer p = current(now);
        return OptionalLong.of(p.new Reading(now).number(var, 0));
      }
    }
    return OptionalLong.empty();
  }

  @Override
  public Optional<PrinterTruth> truthAt(java.time.Instant at) {
    long now = at.toEpochMilli();
    Printer p = current(now);
    Reading r = p.new Reading(now);
    long pages = r.pages();
    java.util.Map<String, Long> counts = new java.util.TreeMap<>();
    for (Template.Var var : Template.Var.values()) {
      if (var.numeric()
          && var != Template.Var.UPTIME
          && var != Template.Var.LEVEL
          && var != Template.Var.PERCENT) {
        counts.put(var.text, r.number(var, 0));
      }
    }
    List<PrinterTruth.Supply> supplies = new ArrayList<>();
    for (int row = 1; row <= p.model.supplies().size(); row++) {
      supplies.add(
          new PrinterTruth.Supply(
              row,
              p.model.supplies().get(row - 1).description(),
              p.model.supplies().get(row - 1).isToner(),
              p.remaining(row, pages),
              p.realLevel(row, pages)));
    }
    InetSocketAddress where = addressAt(now);
    return Optional.of(
        new PrinterTruth(
            where.getAddress().getHostAddress() + ":" + where.getPort(),
            p.serial,
            p.make(),
            p.model(),
            at.toString(),
            p.poweredAt(now),
            pages,
            counts,
            supplies,
            p.errors(now, pages)));
  }

  @Override
  public long totalPages() {
    long now = fleet.clock().millis();
    return current(now).pagesAt(now);
  }

  private long pagesAt(long now) {
    Life life = fleet.life();
    long work =
        life.officeHours()
            ? OfficeTime.between(startMillis, now, life.zone())
            : Math.max(0, now - startMillis);
    return basePages + work * pagesPerHour / HOUR;
  }

  private long bootAt(long now) {
    long boot = bootMillis;
    if (nightOff) {
      boot = Math.max(bootMillis, OfficeTime.lastPowerOn(now, fleet.life().zone()));
    }
    return remote.bootAt(now, boot);
  }

  /** What remote commands changed on the device answering here now (a swapped one has its own). */
  Remote remote() {
    return current(fleet.clock().millis()).remote;
  }

  /** Fraction (0..1) of supply {@code row} (1-based) left after {@code pages} life pages. */
  private double remaining(int row, long pages) {
    Supply supply = model.supplies().get(row - 1);
    long used = pages - basePages + supplyOffsets[row - 1];
    long fill = supply.pagesPerFill();
    if (fleet.life().replacements()) {
      used = Math.floorMod(used, fill + fill / 20 + 1);
    }
    return Math.max(0, 1 - (double) used / fill);
  }

  private int realLevel(int row, long pages) {
    Supply supply = model.supplies().get(row - 1);
    return (int) Math.floor(supply.capacity() * remaining(row, pages));
  }

  private int shownLevel(int row, long pages) {
    Supply supply = model.supplies().get(row - 1);
    switch (supply.style()) {
      case OTHER:
        return -1;
      case UNKNOWN:
        return -2;
      case SOME_REMAINING:
        return -3;
      case OK_LOW_EMPTY:
        double left = remaining(row, pages);
        return left <= 0 ? 0 : left <= 0.1 ? -2 : -3;
      default:
        return realLevel(row, pages);
    }
  }

  /** Which of jam, paper out and door open is going on at {@code now}; the start of each. */
  private long[] events(long now) {
    long[] started = {-1, -1, -1};
    Life life = fleet.life();
    if (!life.events() || !OfficeTime.isOpen(now, life.zone())) {
      return started;
    }
    long slot = Math.floorDiv(now, HOUR);
    long minute = Math.floorMod(now, HOUR) / 60_000;
    int[] perMille = {30, 20, 10};
    for (int k = 0; k < 3; k++) {
      long h = fleet.hash(index, slot, 0xE0 + k);
      if ((h & 0x3FF) < perMille[k]) {
        long begin = (h >>> 10 & 0xFFFF) % 40;
        long length = 5 + (h >>> 30 & 0xFFFF) % 25;
        if (minute >= begin && minute < begin + length) {
          started[k] = slot * HOUR + begin * 60_000;
        }
      }
    }
    return started;
  }

  private List<String> errors(long now, long pages) {
    List<String> errors = new ArrayList<>(3);
    long[] events = events(now);
    if (events[0] >= 0) {
      errors.add("jammed");
    }
    if (events[1] >= 0) {
      errors.add("noPaper");
    }
    if (events[2] >= 0) {
      errors.add("doorOpen");
    }
    List<Supply> supplies = model.supplies();
    for (int row = 1; row <= supplies.size(); row++) {
      if (supplies.get(row - 1).isToner()) {
        double left = remaining(row, pages);
        if (left <= 0 && !errors.contains("noToner")) {
          errors.add("noToner");
        } else if (left > 0 && left <= 0.1 && !errors.contains("lowToner")) {
          errors.add("lowToner");
        }
      }
    }
    errors.remove(errors.contains("noToner") ? "lowToner" : "");
    return errors;
  }

  /**
   * Its SNMPv3 engine id as real printers make it (RFC 3411, format 3): {@code 80 00 00 00} or'ed
   * with the make's enterprise number, {@code 03}, then the MAC address. Unique in a fleet, as MAC
   * addresses are; a device that changes address keeps it.
   */
  @Override
  public byte[] engineId() {
    int enterprise = model.enterprise();
    byte[] mac = mac();
    byte[] id = new byte[5 + mac.length];
    id[0] = (byte) (0x80 | (enterprise >>> 24));
    id[1] = (byte) (enterprise >>> 16);
    id[2] = (byte) (enterprise >>> 8);
    id[3] = (byte) enterprise;
    id[4] = 0x03;
    System.arraycopy(mac, 0, id, 5, mac.length);
    return id;
  }

  /** The MAC address of the device answering here now, as an agent writes it (aa:bb:...). */
  String macText() {
    byte[] b = current(fleet.clock().millis()).mac();
    StringBuilder mac = new StringBuilder(17);
    for (int i = 0; i < b.length; i++) {
      mac.append(i > 0 ? ":" : "").append(String.format("%02x", b[i] & 0xFF));
    }
    return mac.toString();
  }

  java.time.Clock fleetClock() {
    return fleet.clock();
  }

  /** Milliseconds since the device answering here booted, at {@code now}. */
  long uptimeMillis(long now) {
    return now - current(now).bootAt(now);
  }

  private byte[] mac() {
    byte[] oui = model.oui();
    return new byte[] {
      oui[0], oui[1], oui[2], (byte) (macLow >>> 16), (byte) (macLow >>> 8), (byte) macLow
    };
  }

  private String fill(String template) {
    if (template.indexOf('{') < 0) {
      return template;
    }
    String mac = HexFormat.of().withUpperCase().formatHex(mac());
    return template
        .replace("{model}", model.model())
        .replace("{serial}", serial)
        .replace("{firmware}", model.firmware())
        .replace("{mac6}", mac.substring(6))
        .replace("{mac12}", mac);
  }

  /** One printer at one instant; the page split is worked out once, when first needed. */
  private final class Reading implements Template.Values {
    final long now;
    private long pages = -1;
    private long[] split;

    Reading(long now) {
      this.now = now;
    }

    long pages() {
      if (pages < 0) {
        pages = pagesAt(now);
      }
      return pages;
    }

    /**
     * The life count split by function and colour. Each part is a floor of a share of a count that
     * only rises, so every part only rises too, and the parts add up to the life count.
     */
    long[] split() {
      if (split == null) {
        Shares s = model.shares();
        long total = pages();
        long other = floor(total, s.copy() + s.fax());
        long print = total - other;
        long fax = s.copy() + s.fax() > 0 ? floor(other, s.fax() / (s.copy() + s.fax())) : 0;
        long copy = other - fax;
        long printColour = floor(print, s.colour());
        long copyColour = floor(copy, s.colour());
        long mono = print - printColour + copy - copyColour + fax;
        long colour = printColour + copyColour;
        long largeMono = floor(mono, s.large());
        long largeColour = floor(colour, s.large());
        long duplex = floor(total, s.duplex());
        long printMono = print - printColour;
        long copyMono = copy - copyColour;
        // Scans: a share of the life count, split by function one floor at a time (scan = copy +
        // fax + network, network = e-mail + folder), so every part only rises too.
        long scan = floor(total, s.scan());
        long scanColour = floor(scan, s.colour());
        long scanCopy = s.copy() > 0 ? floor(scan, SCAN_COPY_SHARE) : 0;
        long scanFax =
            s.copy() + s.fax() > 0 ? floor(scan - scanCopy, s.fax() / (s.copy() + s.fax())) : 0;
        long scanNetwork = scan - scanCopy - scanFax;
        long scanNetworkColour = floor(scanNetwork, s.colour());
        long scanEmail = floor(scanNetwork, SCAN_EMAIL_SHARE);
        split =
            new long[] {
              total,
              mono,
              colour,
              print,
              print - printColour,
              printColour,
              copy,
              copy - copyColour,
              copyColour,
              fax,
              scan,
              duplex,
              largeMono + largeColour,
              total - largeMono - largeColour,
              largeMono,
              mono - largeMono,
              largeColour,
              colour - largeColour,
              total / 4_000,
              total - duplex,
              total - duplex / 2,
              fax,
              0,
              floor(printMono, s.large()),
              printMono - floor(printMono, s.large()),
              floor(printColour, s.large()),
              printColour - floor(printColour, s.large()),
              floor(copyMono, s.large()),
              copyMono - floor(copyMono, s.large()),
              floor(copyColour, s.large()),
              copyColour - floor(copyColour, s.large()),
              fax - floor(fax, s.large()),
              scan - scanColour,
              scanColour,
              floor(scan, s.large()),
              scanCopy,
              scanFax,
              scanNetwork,
              scanNetwork - scanNetworkColour,
              scanNetworkColour,
              scanEmail,
              scanNetwork - scanEmail,
              scanNetwork + scanFax,
              scanNetwork - scanNetworkColour + scanFax,
              scanCopy + scanFax
            };
      }
      return split;
    }

    private long floor(long count, double share) {
      return (long) Math.floor(count * share);
    }

    @Override
    public String text(Template.Var var, int row) {
      switch (var) {
        case SERIAL:
          return serial;
        case SERIAL_HEX:
          return HexFormat.of().formatHex(serial.getBytes(StandardCharsets.US_ASCII));
        case MODEL:
          return model.model();
        case MAC6:
          return HexFormat.of().withUpperCase().formatHex(mac()).substring(6);
        case MAC12:
          return HexFormat.of().withUpperCase().formatHex(mac());
        case FIRMWARE:
          return model.firmware();
        case IP:
          return addressAt(now).getAddress().getHostAddress();
        default:
          return Long.toString(number(var, row));
      }
    }

    @Override
    public long number(Template.Var var, int row) {
      switch (var) {
        case UPTIME:
          return (now - bootAt(now)) / 10;
        case LEVEL:
          return realLevel(row, pages());
        case PERCENT:
          return (long) Math.floor(100 * remaining(row, pages()));
        default:
          return split()[var.ordinal() - Template.Var.TOTAL.ordinal()];
      }
    }
  }

  /** The value at layout position {@code i}, or empty when the row is absent right now. */
  private Optional<SnmpValue> value(int i, Reading r) {
    int row = model.rowAt(i);
    long now = r.now;
    switch (model.fieldAt(i)) {
      case SYS_DESCR:
        return some(SnmpValue.OctetString.of(fill(model.sysDescr())));
      case SYS_OBJECT_ID:
        return some(new SnmpValue.ObjectId(model.sysObjectId()));
      case SYS_UP_TIME:
      case HR_SYSTEM_UPTIME:
        return some(new SnmpValue.TimeTicks(((now - bootAt(now)) / 10) & 0xFFFF_FFFFL));
      case SYS_CONTACT:
        return some(remote.contact().<SnmpValue>map(SnmpValue.OctetString::of).orElse(EMPTY));
      case SYS_NAME:
        return some(SnmpValue.OctetString.of(fill(model.sysName())));
      case SYS_LOCATION:
        return some(
            SnmpValue.OctetString.of(
                remote.location().orElse(fleet.catalog().locations().get(location))));
      case SYS_SERVICES:
        return some(new SnmpValue.Integer32(model.kind() == Kind.SWITCH ? 6 : 72));
      case IF_NUMBER:
      case IF_INDEX:
      case IF_ADMIN_STATUS:
      case IF_OPER_STATUS:
        return some(new SnmpValue.Integer32(1));
      case IF_DESCR:
        return some(SnmpValue.OctetString.of(model.make() + " Ethernet"));
      case IF_TYPE:
        return some(new SnmpValue.Integer32(6));
      case IF_MTU:
        return some(new SnmpValue.Integer32(1500));
      case IF_SPEED:
        return some(
            new SnmpValue.Gauge32(model.kind() == Kind.SWITCH ? 1_000_000_000L : 100_000_000L));
      case IF_PHYS_ADDRESS:
        return some(new SnmpValue.OctetString(mac()));
      case IF_IN_OCTETS:
        return some(new SnmpValue.Counter32(((now - bootAt(now)) / 1000 * 377) & 0xFFFF_FFFFL));
      case IF_OUT_OCTETS:
        return some(new SnmpValue.Counter32(((now - bootAt(now)) / 1000 * 211) & 0xFFFF_FFFFL));
      case HR_MEMORY_SIZE:
        return some(new SnmpValue.Integer32(524_288));
      case HR_STORAGE_INDEX:
      case HR_DEVICE_INDEX:
        return some(new SnmpValue.Integer32(1));
      case HR_STORAGE_TYPE:
        return some(new SnmpValue.ObjectId(HR_STORAGE_RAM));
      case HR_STORAGE_DESCR:
        return some(SnmpValue.OctetString.of("RAM"));
      case HR_STORAGE_UNITS:
        return some(new SnmpValue.Integer32(1024));
      case HR_STORAGE_SIZE:
        return some(new SnmpValue.Integer32(524_288));
      case HR_STORAGE_USED:
        return some(new SnmpValue.Integer32(180_000 + (int) ((now / 60_000 + index) % 40_000)));
      case HR_DEVICE_TYPE:
        return some(
            new SnmpValue.ObjectId(
                model.kind() == Kind.PRINTER ? StandardMib.HR_DEVICE_PRINTER : HR_DEVICE_OTHER));
      case HR_DEVICE_DESCR:
        return some(SnmpValue.OctetString.of(fill(model.hrDeviceDescr())));
      case HR_DEVICE_ID:
        return some(new SnmpValue.ObjectId(ZERO_DOT_ZERO));
      case HR_DEVICE_STATUS:
        {
          if (model.kind() != Kind.PRINTER) {
            return some(new SnmpValue.Integer32(2));
          }
          List<String> errors = errors(now, r.pages());
          int status =
              errors.contains("jammed") || errors.contains("doorOpen")
                  ? 5
                  : errors.isEmpty() ? 2 : 3;
          return some(new SnmpValue.Integer32(status));
        }
      case HR_DEVICE_ERRORS:
        return some(new SnmpValue.Counter32(r.number(Template.Var.JAMS, 0) & 0xFFFF_FFFFL));
      case HR_PRINTER_STATUS:
        {
          List<String> errors = errors(now, r.pages());
          boolean stopped =
              errors.contains("jammed")
                  || errors.contains("doorOpen")
                  || errors.contains("noPaper");
          boolean printing =
              fleet.life().officeHours()
                  && OfficeTime.isOpen(now, fleet.life().zone())
                  && (now / 60_000 + index) % 3 == 0;
          return some(new SnmpValue.Integer32(stopped ? 1 : printing ? 4 : 3));
        }
      case HR_PRINTER_ERRORS:
        return some(
            new SnmpValue.OctetString(StandardMib.encodePrinterErrors(errors(now, r.pages()))));
      case GENERAL_CONFIG_CHANGES:
        return some(new SnmpValue.Counter32(3));
      case GENERAL_LOCALIZATION:
        return some(new SnmpValue.Integer32(1));
      case GENERAL_PRINTER_NAME:
        return some(SnmpValue.OctetString.of(model.make() + " " + model.model()));
      case SERIAL:
        return some(SnmpValue.OctetString.of(serial));
      case INPUT_TYPE:
        return some(new SnmpValue.Integer32(row == 1 ? 4 : 3));
      case INPUT_DIM_UNIT:
        return some(new SnmpValue.Integer32(4));
      case INPUT_CAPACITY_UNIT:
        return some(new SnmpValue.Integer32(8));
      case INPUT_MAX:
        return some(new SnmpValue.Integer32(model.trays().get(row - 1).maxCapacity()));
      case INPUT_LEVEL:
        return some(new SnmpValue.Integer32(trayLevel(row, now, r.pages())));
      case INPUT_STATUS:
        return some(new SnmpValue.Integer32(row == 1 && events(now)[1] >= 0 ? 4 : 0));
      case INPUT_MEDIA_NAME:
        return some(SnmpValue.OctetString.of(model.trays().get(row - 1).media()));
      case INPUT_NAME:
        return some(SnmpValue.OctetString.of(model.trays().get(row - 1).name()));
      case MARKER_TECH:
        return some(new SnmpValue.Integer32(model.markerTech()));
      case MARKER_COUNTER_UNIT:
        return some(new SnmpValue.Integer32(7));
      case LIFE_COUNT:
        return some(new SnmpValue.Counter32(r.pages() & 0xFFFF_FFFFL));
      case POWER_ON_COUNT:
        return some(new SnmpValue.Counter32(Math.max(0, r.pages() - basePages) & 0xFFFF_FFFFL));
      case SUPPLY_MARKER_INDEX:
      case COLORANT_MARKER_INDEX:
        return some(new SnmpValue.Integer32(1));
      case SUPPLY_COLORANT_INDEX:
        return some(new SnmpValue.Integer32(supply(row).colorantIndex()));
      case SUPPLY_CLASS:
        return some(new SnmpValue.Integer32(supply(row).supplyClass()));
      case SUPPLY_TYPE:
        return some(new SnmpValue.Integer32(supply(row).type()));
      case SUPPLY_DESCRIPTION:
        return some(
            new SnmpValue.OctetString(
                supply(row).description().getBytes(StandardCharsets.ISO_8859_1)));
      case SUPPLY_UNIT:
        return some(new SnmpValue.Integer32(supply(row).unit()));
      case SUPPLY_MAX:
        return some(new SnmpValue.Integer32(supply(row).maxCapacity()));
      case SUPPLY_LEVEL:
        return some(new SnmpValue.Integer32(shownLevel(row, r.pages())));
      case COLORANT_ROLE:
        return some(new SnmpValue.Integer32(3));
      case COLORANT_VALUE:
        return some(SnmpValue.OctetString.of(model.colorants().get(row - 1)));
      case COLORANT_TONALITY:
        return some(new SnmpValue.Integer32(256));
      case CONSOLE_TEXT:
        return some(SnmpValue.OctetString.of(consoleText(now, r.pages())));
      case TEMPLATE:
        return some(model.templateAt(i).render(r));
      default:
        return alert(model.fieldAt(i), row, r);
    }
  }

  private Supply supply(int row) {
    return model.supplies().get(row - 1);
  }

  private int trayLevel(int row, long now, long pages) {
    Tray tray = model.trays().get(row - 1);
    if (tray.style() != LevelStyle.ACTUAL) {
      return tray.style() == LevelStyle.OTHER ? -1 : tray.style() == LevelStyle.UNKNOWN ? -2 : -3;
    }
    if (row == 1) {
      if (events(now)[1] >= 0) {
        return 0;
      }
      return tray.maxCapacity()
          - (int) Math.floorMod(pages + index * 37L, (long) tray.maxCapacity());
    }
    return tray.maxCapacity() * 7 / 10;
  }

  private String consoleText(long now, long pages) {
    List<String> errors = errors(now, pages);
    if (errors.contains("jammed")) {
      return "Paper jam";
    } else if (errors.contains("doorOpen")) {
      return "Close front door";
    } else if (errors.contains("noPaper")) {
      return "Load paper in Tray 1";
    } else if (errors.contains("noToner")) {
      return "Replace toner";
    }
    return "Ready";
  }

  /** A prtAlertTable cell: present only while its alert is. */
  private Optional<SnmpValue> alert(Field field, int row, Reading r) {
    long now = r.now;
    int severity;
    int group;
    int groupIndex;
    int code;
    String text;
    long since;
    if (row < Alerts.SUPPLY) {
      since = events(now)[row - 1];
      if (since < 0) {
        return Optional.empty();
      }
      severity = 3;
      switch (row) {
        case Alerts.JAM:
          group = 13;
          groupIndex = 1;
          code = 8;
          text = "Paper jam";
          break;
        case Alerts.PAPER:
          group = 8;
          groupIndex = 1;
          code = 808;
          text = "Tray 1 empty";
          break;
        default:
          group = 6;
          groupIndex = 1;
          code = 501;
          text = "Front door open";
      }
    } else {
      int supplyRow = row - Alerts.SUPPLY;
      double left = remaining(supplyRow, r.pages());
      if (left > 0.1) {
        return Optional.empty();
      }
      severity = left <= 0 ? 3 : 4;
      group = 11;
      groupIndex = supplyRow;
      code = left <= 0 ? 1101 : 1104;
      text = supply(supplyRow).description().replace("\0", "") + (left <= 0 ? " empty" : " low");
      since = Math.max(startMillis, now - HOUR);
    }
    if (remote.clearedSince(row, since)) {
      return Optional.empty();
    }
    switch (field) {
      case ALERT_SEVERITY:
        return some(new SnmpValue.Integer32(severity));
      case ALERT_TRAINING:
        return some(new SnmpValue.Integer32(3));
      case ALERT_GROUP:
        return some(new SnmpValue.Integer32(group));
      case ALERT_GROUP_INDEX:
        return some(new SnmpValue.Integer32(groupIndex));
      case ALERT_LOCATION:
        return some(new SnmpValue.Integer32(-1));
      case ALERT_CODE:
        return some(new SnmpValue.Integer32(code));
      case ALERT_DESCRIPTION:
        return some(SnmpValue.OctetString.of(text));
      case ALERT_TIME:
        return some(
            new SnmpValue.TimeTicks(Math.max(0, (since - bootAt(now)) / 10) & 0xFFFF_FFFFL));
      default:
        throw new IllegalStateException("no value for " + field);
    }
  }

  private static Optional<SnmpValue> some(SnmpValue value) {
    return Optional.of(value);
  }

  @Override
  public Optional<SnmpValue> get(Oid oid) {
    long now = fleet.clock().millis();
    Printer p = current(now);
    int i = p.model.find(oid);
    if (i < 0) {
      return Optional.empty();
    }
    return p.value(i, p.new Reading(now));
  }

  @Override
  public Optional<VarBind> next(Oid oid) {
    long now = fleet.clock().millis();
    Printer p = current(now);
    int i = p.model.find(oid);
    int from = i >= 0 ? i + 1 : -i - 1;
    Reading r = p.new Reading(now);
    for (int k = from; k < p.model.layoutSize(); k++) {
      Optional<SnmpValue> value = p.value(k, r);
      if (value.isPresent()) {
        return Optional.of(new VarBind(p.model.oidAt(k), value.get()));
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return model + " " + serial + " at " + address;
  }
}
