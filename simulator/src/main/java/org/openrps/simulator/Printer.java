package org.openrps.simulator;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.openrps.simulator.PrinterModel.Supply;
import org.openrps.snmp.MibView;
import org.openrps.snmp.Oid;
import org.openrps.snmp.SnmpValue;
import org.openrps.snmp.StandardMib;
import org.openrps.snmp.VarBind;

/**
 * One simulated printer: its model's shared layout plus a few numbers of its own. Every value is
 * computed when asked, from those numbers and the clock: pages rise linearly from a start instant,
 * supply levels fall with pages.
 */
final class Printer implements SimulatedPrinter, MibView {

  private static final long MILLIS_PER_HOUR = 3_600_000L;
  private static final long MAX_UPTIME_MILLIS = 40L * 24 * MILLIS_PER_HOUR;
  private static final SnmpValue PRINTER_TYPE =
      new SnmpValue.ObjectId(StandardMib.HR_DEVICE_PRINTER);
  private static final SnmpValue ONE = new SnmpValue.Integer32(1);
  private static final SnmpValue IDLE = new SnmpValue.Integer32(3);
  private static final SnmpValue EMPTY = SnmpValue.OctetString.of("");

  private final PrinterModel model;
  private final List<String> locations;
  private final InetSocketAddress address;
  private final Clock clock;
  private final String serial;
  private final int macLow;
  private final int location;
  private final long startMillis;
  private final long bootMillis;
  private final long basePages;
  private final long pagesPerHour;
  private final int[] initialLevels;

  private Printer(
      PrinterModel model,
      List<String> locations,
      InetSocketAddress address,
      Clock clock,
      String serial,
      int macLow,
      int location,
      long startMillis,
      long bootMillis,
      long basePages,
      long pagesPerHour,
      int[] initialLevels) {
    this.model = model;
    this.locations = locations;
    this.address = address;
    this.clock = clock;
    this.serial = serial;
    this.macLow = macLow;
    this.location = location;
    this.startMillis = startMillis;
    this.bootMillis = bootMillis;
    this.basePages = basePages;
    this.pagesPerHour = pagesPerHour;
    this.initialLevels = initialLevels;
  }

  /**
   * Printer {@code index} of a fleet made with {@code seed}: the same arguments always give the
   * same printer. Serial numbers and MAC addresses are unique within a fleet.
   */
  static Printer create(
      ModelCatalog catalog,
      long seed,
      int index,
      InetSocketAddress address,
      Clock clock,
      long startMillis) {
    SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + index);
    PrinterModel model = catalog.pick(random.nextInt(catalog.totalWeight()));
    String serial = serial(model.serialPattern(), seed, index, random);
    int macLow = (int) ((index * 0x9E3779B1L + (seed * 0x2545F491L)) & 0xFF_FFFF);
    int location = random.nextInt(catalog.locations().size());
    long bootMillis = startMillis - random.nextLong(60_000, MAX_UPTIME_MILLIS);
    long basePages = random.nextLong(model.initialPagesMin(), model.initialPagesMax() + 1);
    long rate = random.nextLong(model.pagesPerHourMin(), model.pagesPerHourMax() + 1);
    List<Supply> supplies = model.supplies();
    int[] levels = new int[supplies.size()];
    for (int i = 0; i < levels.length; i++) {
      int max = supplies.get(i).maxCapacity();
      levels[i] = random.nextInt(Math.max(1, max * 3 / 10), max + 1);
    }
    return new Printer(
        model,
        catalog.locations(),
        address,
        clock,
        serial,
        macLow,
        location,
        startMillis,
        bootMillis,
        basePages,
        rate,
        levels);
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

  @Override
  public InetSocketAddress address() {
    return address;
  }

  @Override
  public String make() {
    return model.make();
  }

  @Override
  public String model() {
    return model.model();
  }

  @Override
  public String serial() {
    return serial;
  }

  @Override
  public long totalPages() {
    return pagesAt(clock.millis());
  }

  private long pagesAt(long nowMillis) {
    long elapsed = Math.max(0, nowMillis - startMillis);
    return basePages + elapsed * pagesPerHour / MILLIS_PER_HOUR;
  }

  /** The level of supply {@code row} (1-based) after {@code pages} life pages; never below 0. */
  private int level(int row, long pages) {
    Supply supply = model.supplies().get(row - 1);
    long used = (pages - basePages) * supply.maxCapacity() / supply.pagesPerFill();
    return (int) Math.max(0, initialLevels[row - 1] - used);
  }

  private List<String> errors(long pages) {
    List<String> errors = new ArrayList<>(2);
    List<Supply> supplies = model.supplies();
    for (int row = 1; row <= supplies.size(); row++) {
      Supply supply = supplies.get(row - 1);
      if (supply.isToner()) {
        int level = level(row, pages);
        if (level == 0 && !errors.contains("noToner")) {
          errors.add("noToner");
        } else if (level > 0
            && level * 10L <= supply.maxCapacity()
            && !errors.contains("lowToner")) {
          errors.add("lowToner");
        }
      }
    }
    return errors;
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
        .replace("{mac6}", mac.substring(6))
        .replace("{mac12}", mac);
  }

  private SnmpValue value(int index) {
    int row = model.rowAt(index);
    switch (model.fieldAt(index)) {
      case SYS_DESCR:
        return SnmpValue.OctetString.of(fill(model.sysDescr()));
      case SYS_OBJECT_ID:
        return new SnmpValue.ObjectId(model.sysObjectId());
      case SYS_UP_TIME:
        return new SnmpValue.TimeTicks(((clock.millis() - bootMillis) / 10) & 0xFFFF_FFFFL);
      case SYS_CONTACT:
        return EMPTY;
      case SYS_NAME:
        return SnmpValue.OctetString.of(fill(model.sysName()));
      case SYS_LOCATION:
        return SnmpValue.OctetString.of(locations.get(location));
      case IF_PHYS_ADDRESS:
        return new SnmpValue.OctetString(mac());
      case HR_DEVICE_TYPE:
        return PRINTER_TYPE;
      case HR_DEVICE_DESCR:
        return SnmpValue.OctetString.of(fill(model.hrDeviceDescr()));
      case HR_DEVICE_STATUS:
        // running(2), or warning(3) while a toner is low or out
        return new SnmpValue.Integer32(errors(totalPages()).isEmpty() ? 2 : 3);
      case HR_PRINTER_STATUS:
        return IDLE;
      case HR_PRINTER_ERRORS:
        return new SnmpValue.OctetString(StandardMib.encodePrinterErrors(errors(totalPages())));
      case SERIAL:
        return SnmpValue.OctetString.of(serial);
      case LIFE_COUNT:
        return new SnmpValue.Counter32(totalPages() & 0xFFFF_FFFFL);
      case SUPPLY_MARKER_INDEX:
        return ONE;
      case SUPPLY_COLORANT_INDEX:
        return new SnmpValue.Integer32(model.supplies().get(row - 1).colorantIndex());
      case COLORANT_VALUE:
        return SnmpValue.OctetString.of(model.colorants().get(row - 1));
      case SUPPLY_CLASS:
        return new SnmpValue.Integer32(model.supplies().get(row - 1).supplyClass());
      case SUPPLY_TYPE:
        return new SnmpValue.Integer32(model.supplies().get(row - 1).type());
      case SUPPLY_DESCRIPTION:
        return SnmpValue.OctetString.of(model.supplies().get(row - 1).description());
      case SUPPLY_UNIT:
        return new SnmpValue.Integer32(model.supplies().get(row - 1).unit());
      case SUPPLY_MAX:
        return new SnmpValue.Integer32(model.supplies().get(row - 1).maxCapacity());
      case SUPPLY_LEVEL:
        return new SnmpValue.Integer32(level(row, totalPages()));
      default:
        throw new IllegalStateException("no value for " + model.fieldAt(index));
    }
  }

  @Override
  public Optional<SnmpValue> get(Oid oid) {
    int index = model.find(oid);
    return index >= 0 ? Optional.of(value(index)) : Optional.empty();
  }

  @Override
  public Optional<VarBind> next(Oid oid) {
    int found = model.find(oid);
    int index = found >= 0 ? found + 1 : -found - 1;
    if (index >= model.layoutSize()) {
      return Optional.empty();
    }
    return Optional.of(new VarBind(model.oidAt(index), value(index)));
  }

  @Override
  public String toString() {
    return model + " " + serial + " at " + address;
  }
}
