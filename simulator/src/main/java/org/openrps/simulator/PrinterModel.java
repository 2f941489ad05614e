package org.openrps.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.openrps.simulator.ModelCatalog.ModelSpec;
import org.openrps.simulator.ModelCatalog.SupplySpec;
import org.openrps.snmp.Oid;
import org.openrps.snmp.StandardMib;

/**
 * A printer model, validated, with the MIB layout every printer of the model shares: the sorted
 * OIDs it answers and what each one shows. A printer then only keeps its own few numbers.
 */
final class PrinterModel {

  /** What a variable of the layout shows; the value is computed from the printer's state. */
  enum Field {
    SYS_DESCR,
    SYS_OBJECT_ID,
    SYS_UP_TIME,
    SYS_CONTACT,
    SYS_NAME,
    SYS_LOCATION,
    IF_PHYS_ADDRESS,
    HR_DEVICE_TYPE,
    HR_DEVICE_DESCR,
    HR_DEVICE_STATUS,
    HR_PRINTER_STATUS,
    HR_PRINTER_ERRORS,
    SERIAL,
    LIFE_COUNT,
    SUPPLY_MARKER_INDEX,
    SUPPLY_COLORANT_INDEX,
    SUPPLY_CLASS,
    SUPPLY_TYPE,
    SUPPLY_DESCRIPTION,
    SUPPLY_UNIT,
    SUPPLY_MAX,
    SUPPLY_LEVEL,
    COLORANT_VALUE
  }

  /** One prtMarkerSuppliesTable row of the model. */
  record Supply(
      String description,
      int type,
      int supplyClass,
      int unit,
      int maxCapacity,
      long pagesPerFill,
      int colorantIndex) {
    boolean isToner() {
      return supplyClass == 3 && (type == 3 || type == 21);
    }
  }

  private final String make;
  private final String model;
  private final int weight;
  private final Oid sysObjectId;
  private final String sysDescr;
  private final String hrDeviceDescr;
  private final String sysName;
  private final String serialPattern;
  private final byte[] oui;
  private final long[] initialPages;
  private final long[] pagesPerHour;
  private final List<Supply> supplies;
  private final List<String> colorants;

  // The layout, sorted by OID; row is the supply index (1-based) for supply fields, else 0.
  private final Oid[] oids;
  private final Field[] fields;
  private final int[] rows;

  private PrinterModel(
      ModelSpec spec, Oid sysObjectId, byte[] oui, List<Supply> supplies, List<String> colorants) {
    this.make = spec.make();
    this.model = spec.model();
    this.weight = spec.weight();
    this.sysObjectId = sysObjectId;
    this.sysDescr = spec.sysDescr();
    this.hrDeviceDescr = spec.hrDeviceDescr();
    this.sysName = spec.sysName();
    this.serialPattern = spec.serial();
    this.oui = oui;
    this.initialPages = new long[] {spec.initialPages().get(0), spec.initialPages().get(1)};
    this.pagesPerHour = new long[] {spec.pagesPerHour().get(0), spec.pagesPerHour().get(1)};
    this.supplies = List.copyOf(supplies);
    this.colorants = List.copyOf(colorants);

    record Entry(Oid oid, Field field, int row) {}
    List<Entry> layout = new ArrayList<>();
    layout.add(new Entry(StandardMib.SYS_DESCR, Field.SYS_DESCR, 0));
    layout.add(new Entry(StandardMib.SYS_OBJECT_ID, Field.SYS_OBJECT_ID, 0));
    layout.add(new Entry(StandardMib.SYS_UP_TIME, Field.SYS_UP_TIME, 0));
    layout.add(new Entry(StandardMib.SYS_CONTACT, Field.SYS_CONTACT, 0));
    layout.add(new Entry(StandardMib.SYS_NAME, Field.SYS_NAME, 0));
    layout.add(new Entry(StandardMib.SYS_LOCATION, Field.SYS_LOCATION, 0));
    layout.add(new Entry(StandardMib.IF_PHYS_ADDRESS.append(1), Field.IF_PHYS_ADDRESS, 0));
    layout.add(new Entry(StandardMib.HR_DEVICE_TYPE.append(1), Field.HR_DEVICE_TYPE, 0));
    layout.add(new Entry(StandardMib.HR_DEVICE_DESCR.append(1), Field.HR_DEVICE_DESCR, 0));
    layout.add(new Entry(StandardMib.HR_DEVICE_STATUS.append(1), Field.HR_DEVICE_STATUS, 0));
    layout.add(new Entry(StandardMib.HR_PRINTER_STATUS.append(1), Field.HR_PRINTER_STATUS, 0));
    layout.add(
        new Entry(
            StandardMib.HR_PRINTER_DETECTED_ERROR_STATE.append(1), Field.HR_PRINTER_ERRORS, 0));
    layout.add(new Entry(StandardMib.PRT_GENERAL_SERIAL_NUMBER.append(1), Field.SERIAL, 0));
    layout.add(new Entry(StandardMib.PRT_MARKER_LIFE_COUNT.append(1, 1), Field.LIFE_COUNT, 0));
    Map<Field, Oid> columns =
        Map.of(
            Field.SUPPLY_MARKER_INDEX, StandardMib.PRT_MARKER_SUPPLIES_MARKER_INDEX,
            Field.SUPPLY_COLORANT_INDEX, StandardMib.PRT_MARKER_SUPPLIES_COLORANT_INDEX,
            Field.SUPPLY_CLASS, StandardMib.PRT_MARKER_SUPPLIES_CLASS,
            Field.SUPPLY_TYPE, StandardMib.PRT_MARKER_SUPPLIES_TYPE,
            Field.SUPPLY_DESCRIPTION, StandardMib.PRT_MARKER_SUPPLIES_DESCRIPTION,
            Field.SUPPLY_UNIT, StandardMib.PRT_MARKER_SUPPLIES_SUPPLY_UNIT,
            Field.SUPPLY_MAX, StandardMib.PRT_MARKER_SUPPLIES_MAX_CAPACITY,
            Field.SUPPLY_LEVEL, StandardMib.PRT_MARKER_SUPPLIES_LEVEL);
    columns.forEach(
        (field, column) -> {
          for (int row = 1; row <= supplies.size(); row++) {
            layout.add(new Entry(column.append(1, row), field, row));
          }
        });
    for (int row = 1; row <= colorants.size(); row++) {
      layout.add(
          new Entry(
              StandardMib.PRT_MARKER_COLORANT_VALUE.append(1, row), Field.COLORANT_VALUE, row));
    }
    layout.sort(Comparator.comparing(Entry::oid));
    this.oids = layout.stream().map(Entry::oid).toArray(Oid[]::new);
    this.fields = layout.stream().map(Entry::field).toArray(Field[]::new);
    this.rows = layout.stream().mapToInt(Entry::row).toArray();
  }

  /**
   * Validates one model of a model file.
   *
   * @throws IllegalArgumentException naming the file, the model and the key
   */
  static PrinterModel of(ModelSpec spec, String source) {
    String name = source + ": model '" + spec.make() + " " + spec.model() + "'";
    for (var key :
        Map.of(
                "make", String.valueOf(spec.make()),
                "model", String.valueOf(spec.model()),
                "sysDescr", String.valueOf(spec.sysDescr()),
                "hrDeviceDescr", String.valueOf(spec.hrDeviceDescr()),
                "sysName", String.valueOf(spec.sysName()))
            .entrySet()) {
      if (key.getValue().isBlank() || key.getValue().equals("null")) {
        throw new IllegalArgumentException(name + ": key '" + key.getKey() + "' is missing");
      }
    }
    if (spec.weight() < 1) {
      throw new IllegalArgumentException(name + ": key 'weight' must be at least 1");
    }
    Oid sysObjectId;
    try {
      sysObjectId = Oid.of(String.valueOf(spec.sysObjectId()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(name + ": key 'sysObjectId' is not an OID", e);
    }
    if (!sysObjectId.startsWith(StandardMib.ENTERPRISES) || sysObjectId.size() < 7) {
      throw new IllegalArgumentException(
          name + ": key 'sysObjectId' must be under 1.3.6.1.4.1.<enterprise>");
    }
    String serial = String.valueOf(spec.serial());
    if (serial.chars().filter(c -> c == '#').count() < 5
        || serial.chars().filter(c -> c == '#').count() > 15) {
      throw new IllegalArgumentException(name + ": key 'serial' needs 5 to 15 '#' digits");
    }
    byte[] oui = parseOui(spec.macPrefix(), name);
    range(spec.initialPages(), name, "initialPages");
    range(spec.pagesPerHour(), name, "pagesPerHour");
    if (spec.supplies() == null || spec.supplies().isEmpty()) {
      throw new IllegalArgumentException(name + ": key 'supplies' needs at least one row");
    }
    List<Supply> supplies = new ArrayList<>();
    List<String> colorants = new ArrayList<>();
    for (SupplySpec s : spec.supplies()) {
      String row = name + ": supply '" + s.description() + "'";
      if (s.description() == null || s.description().isBlank()) {
        throw new IllegalArgumentException(name + ": a supply has no 'description'");
      }
      if (s.maxCapacity() < 1) {
        throw new IllegalArgumentException(row + ": key 'maxCapacity' must be positive");
      }
      if (s.pagesPerFill() < 1) {
        throw new IllegalArgumentException(row + ": key 'pagesPerFill' must be positive");
      }
      int colorantIndex = 0;
      if (s.colorant() != null) {
        if (!colorants.contains(s.colorant())) {
          colorants.add(s.colorant());
        }
        colorantIndex = colorants.indexOf(s.colorant()) + 1;
      }
      supplies.add(
          new Supply(
              s.description(),
              code(StandardMib.SUPPLY_TYPE_NAMES, s.type(), row, "type"),
              code(StandardMib.SUPPLY_CLASS_NAMES, s.supplyClass(), row, "class"),
              code(StandardMib.SUPPLY_UNIT_NAMES, s.unit(), row, "unit"),
              s.maxCapacity(),
              s.pagesPerFill(),
              colorantIndex));
    }
    return new PrinterModel(spec, sysObjectId, oui, supplies, colorants);
  }

  private static byte[] parseOui(String text, String name) {
    String[] parts = String.valueOf(text).split(":");
    if (parts.length != 3) {
      throw new IllegalArgumentException(name + ": key 'macPrefix' must look like AA:BB:CC");
    }
    byte[] oui = new byte[3];
    try {
      for (int i = 0; i < 3; i++) {
        oui[i] = (byte) Integer.parseInt(parts[i], 16);
      }
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + ": key 'macPrefix' must look like AA:BB:CC", e);
    }
    return oui;
  }

  private static void range(List<Long> range, String name, String key) {
    if (range == null
        || range.size() != 2
        || range.get(0) == null
        || range.get(1) == null
        || range.get(0) < 0
        || range.get(0) > range.get(1)) {
      throw new IllegalArgumentException(
          name + ": key '" + key + "' must be [min, max], 0 ≤ min ≤ max");
    }
  }

  private static int code(Map<Integer, String> names, String value, String row, String key) {
    return names.entrySet().stream()
        .filter(e -> e.getValue().equals(value))
        .mapToInt(Map.Entry::getKey)
        .findFirst()
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    row + ": key '" + key + "' is '" + value + "', not one of " + names.values()));
  }

  String make() {
    return make;
  }

  String model() {
    return model;
  }

  int weight() {
    return weight;
  }

  Oid sysObjectId() {
    return sysObjectId;
  }

  String sysDescr() {
    return sysDescr;
  }

  String hrDeviceDescr() {
    return hrDeviceDescr;
  }

  String sysName() {
    return sysName;
  }

  String serialPattern() {
    return serialPattern;
  }

  byte[] oui() {
    return oui.clone();
  }

  long initialPagesMin() {
    return initialPages[0];
  }

  long initialPagesMax() {
    return initialPages[1];
  }

  long pagesPerHourMin() {
    return pagesPerHour[0];
  }

  long pagesPerHourMax() {
    return pagesPerHour[1];
  }

  List<Supply> supplies() {
    return supplies;
  }

  List<String> colorants() {
    return colorants;
  }

  /** Index of {@code oid} in the layout, as {@link Arrays#binarySearch} returns it. */
  int find(Oid oid) {
    return Arrays.binarySearch(oids, oid);
  }

  int layoutSize() {
    return oids.length;
  }

  Oid oidAt(int index) {
    return oids[index];
  }

  Field fieldAt(int index) {
    return fields[index];
  }

  int rowAt(int index) {
    return rows[index];
  }

  @Override
  public String toString() {
    return make + " " + model;
  }
}
