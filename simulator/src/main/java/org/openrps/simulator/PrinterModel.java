package org.openrps.simulator;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.openrps.simulator.ModelCatalog.ModelSpec;
import org.openrps.simulator.ModelCatalog.SupplySpec;
import org.openrps.simulator.ModelCatalog.TraySpec;
import org.openrps.snmp.Oid;
import org.openrps.snmp.mib.StandardMib;

/**
 * A device model, validated, with the MIB layout every device of the model shares: the sorted OIDs
 * it answers and what each one shows. A printer then only keeps its own few numbers.
 */
final class PrinterModel {

  /** What a device is; only printers have the Printer MIB. */
  enum Kind {
    PRINTER,
    SWITCH,
    UPS
  }

  /** What a variable of the layout shows; the value is computed from the printer's state. */
  enum Field {
    SYS_DESCR,
    SYS_OBJECT_ID,
    SYS_UP_TIME,
    SYS_CONTACT,
    SYS_NAME,
    SYS_LOCATION,
    SYS_SERVICES,
    IF_NUMBER,
    IF_INDEX,
    IF_DESCR,
    IF_TYPE,
    IF_MTU,
    IF_SPEED,
    IF_PHYS_ADDRESS,
    IF_ADMIN_STATUS,
    IF_OPER_STATUS,
    IF_IN_OCTETS,
    IF_OUT_OCTETS,
    HR_SYSTEM_UPTIME,
    HR_MEMORY_SIZE,
    HR_STORAGE_INDEX,
    HR_STORAGE_TYPE,
    HR_STORAGE_DESCR,
    HR_STORAGE_UNITS,
    HR_STORAGE_SIZE,
    HR_STORAGE_USED,
    HR_DEVICE_INDEX,
    HR_DEVICE_TYPE,
    HR_DEVICE_DESCR,
    HR_DEVICE_ID,
    HR_DEVICE_STATUS,
    HR_DEVICE_ERRORS,
    HR_PRINTER_STATUS,
    HR_PRINTER_ERRORS,
    GENERAL_CONFIG_CHANGES,
    GENERAL_LOCALIZATION,
    GENERAL_PRINTER_NAME,
    SERIAL,
    INPUT_TYPE,
    INPUT_DIM_UNIT,
    INPUT_CAPACITY_UNIT,
    INPUT_MAX,
    INPUT_LEVEL,
    INPUT_STATUS,
    INPUT_MEDIA_NAME,
    INPUT_NAME,
    MARKER_TECH,
    MARKER_COUNTER_UNIT,
    LIFE_COUNT,
    POWER_ON_COUNT,
    SUPPLY_MARKER_INDEX,
    SUPPLY_COLORANT_INDEX,
    SUPPLY_CLASS,
    SUPPLY_TYPE,
    SUPPLY_DESCRIPTION,
    SUPPLY_UNIT,
    SUPPLY_MAX,
    SUPPLY_LEVEL,
    COLORANT_MARKER_INDEX,
    COLORANT_ROLE,
    COLORANT_VALUE,
    COLORANT_TONALITY,
    CONSOLE_TEXT,
    ALERT_SEVERITY,
    ALERT_TRAINING,
    ALERT_GROUP,
    ALERT_GROUP_INDEX,
    ALERT_LOCATION,
    ALERT_CODE,
    ALERT_DESCRIPTION,
    ALERT_TIME,
    /** A value of the model file's {@code objects}. */
    TEMPLATE
  }

  /** How a level shows in the MIB: the real value, or a fixed RFC 3805 special value. */
  enum LevelStyle {
    ACTUAL,
    /** -1: other (no restriction). */
    OTHER,
    /** -2: unknown. */
    UNKNOWN,
    /** -3: some remaining. */
    SOME_REMAINING,
    /** Brother's toner rows: -3 while OK, -2 when low, 0 when empty. */
    OK_LOW_EMPTY;

    static LevelStyle of(String text, String where) {
      if (text == null) {
        return ACTUAL;
      }
      switch (text) {
        case "actual":
          return ACTUAL;
        case "-1":
          return OTHER;
        case "-2":
          return UNKNOWN;
        case "-3":
          return SOME_REMAINING;
        case "okLowEmpty":
          return OK_LOW_EMPTY;
        default:
          throw new IllegalArgumentException(
              where + ": key 'level' is '" + text + "', not actual, -1, -2, -3 or okLowEmpty");
      }
    }
  }

  /** One prtMarkerSuppliesTable row of the model. */
  record Supply(
      String description,
      int type,
      int supplyClass,
      int unit,
      int maxCapacity,
      int capacity,
      long pagesPerFill,
      int colorantIndex,
      LevelStyle style) {
    boolean isToner() {
      return supplyClass == 3 && (type == 3 || type == 21 || type == 5 || type == 6);
    }
  }

  /** One prtInputTable row of the model. */
  record Tray(String name, String media, int maxCapacity, LevelStyle style) {}

  /** Shares of the life count, each 0..1 (see {@link Printer} for how they split it). */
  record Shares(double colour, double copy, double fax, double duplex, double large, double scan) {}

  private static final Map<String, Integer> MARKER_TECH =
      Map.of(
          "electrophotographicLED", 3,
          "electrophotographicLaser", 4,
          "inkjetAqueous", 15,
          "thermalTransfer", 20,
          "other", 1);

  private final String make;
  private final String brand;
  private final String model;
  private final Kind kind;
  private final int weight;
  private final Oid sysObjectId;
  private final String sysDescr;
  private final String hrDeviceDescr;
  private final String sysName;
  private final String serialPattern;
  private final String firmware;
  private final int markerTech;
  private final byte[] oui;
  private final long[] initialPages;
  private final long[] pagesPerHour;
  private final Shares shares;
  private final List<Supply> supplies;
  private final List<Tray> trays;
  private final List<String> colorants;
  private final String context;

  // The layout, sorted by OID; row is the supply, tray, colorant or alert index, else 0.
  private final Oid[] oids;
  private final Field[] fields;
  private final int[] rows;
  private final Template[] templates;

  private PrinterModel(
      ModelSpec spec,
      Kind kind,
      Oid sysObjectId,
      byte[] oui,
      int markerTech,
      Shares shares,
      List<Supply> supplies,
      List<Tray> trays,
      List<String> colorants,
      Map<Oid, Template> objects) {
    this.make = spec.make();
    this.brand = spec.brand() == null ? spec.make() : spec.brand();
    this.model = spec.model();
    this.kind = kind;
    this.weight = spec.weight();
    this.sysObjectId = sysObjectId;
    this.sysDescr = spec.sysDescr();
    this.hrDeviceDescr = spec.hrDeviceDescr() == null ? spec.model() : spec.hrDeviceDescr();
    this.sysName = spec.sysName();
    this.serialPattern = spec.serial();
    this.firmware = spec.firmware() == null ? "1.0" : spec.firmware();
    this.markerTech = markerTech;
    this.oui = oui;
    this.initialPages = new long[] {spec.initialPages().get(0), spec.initialPages().get(1)};
    this.pagesPerHour = new long[] {spec.pagesPerHour().get(0), spec.pagesPerHour().get(1)};
    this.shares = shares;
    this.supplies = List.copyOf(supplies);
    this.trays = List.copyOf(trays);
    this.colorants = List.copyOf(colorants);
    this.context = spec.context() == null ? "" : spec.context();

    TreeMap<Oid, Object[]> layout = new TreeMap<>();
    Layout add = (oid, field, row) -> layout.put(oid, new Object[] {field, row, null});
    add.put(StandardMib.SYS_DESCR, Field.SYS_DESCR, 0);
    add.put(StandardMib.SYS_OBJECT_ID, Field.SYS_OBJECT_ID, 0);
    add.put(StandardMib.SYS_UP_TIME, Field.SYS_UP_TIME, 0);
    add.put(StandardMib.SYS_CONTACT, Field.SYS_CONTACT, 0);
    add.put(StandardMib.SYS_NAME, Field.SYS_NAME, 0);
    add.put(StandardMib.SYS_LOCATION, Field.SYS_LOCATION, 0);
    add.put(StandardMib.SYS_SERVICES, Field.SYS_SERVICES, 0);
    add.put(StandardMib.IF_NUMBER, Field.IF_NUMBER, 0);
    Oid ift = StandardMib.IF_ENTRY;
    Field[] ifColumns = {
      Field.IF_INDEX,
      Field.IF_DESCR,
      Field.IF_TYPE,
      Field.IF_MTU,
      Field.IF_SPEED,
      Field.IF_PHYS_ADDRESS,
      Field.IF_ADMIN_STATUS,
      Field.IF_OPER_STATUS
    };
    for (int c = 0; c < ifColumns.length; c++) {
      add.put(ift.append(c + 1, 1), ifColumns[c], 0);
    }
    add.put(ift.append(10, 1), Field.IF_IN_OCTETS, 0);
    add.put(ift.append(16, 1), Field.IF_OUT_OCTETS, 0);
    if (kind != Kind.SWITCH) {
      add.put(StandardMib.HR_SYSTEM_UPTIME, Field.HR_SYSTEM_UPTIME, 0);
      add.put(StandardMib.HR_MEMORY_SIZE, Field.HR_MEMORY_SIZE, 0);
      Oid st = StandardMib.HR_STORAGE_ENTRY;
      Field[] storage = {
        Field.HR_STORAGE_INDEX, Field.HR_STORAGE_TYPE, Field.HR_STORAGE_DESCR,
        Field.HR_STORAGE_UNITS, Field.HR_STORAGE_SIZE, Field.HR_STORAGE_USED
      };
      for (int c = 0; c < storage.length; c++) {
        add.put(st.append(c + 1, 1), storage[c], 0);
      }
      Oid dev = StandardMib.HR_DEVICE_ENTRY;
      Field[] device = {
        Field.HR_DEVICE_INDEX, Field.HR_DEVICE_TYPE, Field.HR_DEVICE_DESCR,
        Field.HR_DEVICE_ID, Field.HR_DEVICE_STATUS, Field.HR_DEVICE_ERRORS
      };
      for (int c = 0; c < device.length; c++) {
        add.put(dev.append(c + 1, 1), device[c], 0);
      }
    }
    if (kind == Kind.PRINTER) {
      add.put(StandardMib.HR_PRINTER_STATUS.append(1), Field.HR_PRINTER_STATUS, 0);
      add.put(StandardMib.HR_PRINTER_DETECTED_ERROR_STATE.append(1), Field.HR_PRINTER_ERRORS, 0);
      Oid gen = StandardMib.PRT_GENERAL_ENTRY;
      add.put(gen.append(1, 1), Field.GENERAL_CONFIG_CHANGES, 0);
      add.put(gen.append(2, 1), Field.GENERAL_LOCALIZATION, 0);
      add.put(gen.append(16, 1), Field.GENERAL_PRINTER_NAME, 0);
      add.put(gen.append(17, 1), Field.SERIAL, 0);
      Oid in = StandardMib.PRT_INPUT_ENTRY;
      Map<Integer, Field> input =
          Map.of(
              2,
              Field.INPUT_TYPE,
              3,
              Field.INPUT_DIM_UNIT,
              8,
              Field.INPUT_CAPACITY_UNIT,
              9,
              Field.INPUT_MAX,
              10,
              Field.INPUT_LEVEL,
              11,
              Field.INPUT_STATUS,
              12,
              Field.INPUT_MEDIA_NAME,
              13,
              Field.INPUT_NAME);
      for (int row = 1; row <= trays.size(); row++) {
        for (Map.Entry<Integer, Field> col : input.entrySet()) {
          add.put(in.append(col.getKey(), 1, row), col.getValue(), row);
        }
      }
      Oid mk = StandardMib.PRT_MARKER_ENTRY;
      add.put(mk.append(2, 1, 1), Field.MARKER_TECH, 0);
      add.put(mk.append(3, 1, 1), Field.MARKER_COUNTER_UNIT, 0);
      add.put(StandardMib.PRT_MARKER_LIFE_COUNT.append(1, 1), Field.LIFE_COUNT, 0);
      add.put(mk.append(5, 1, 1), Field.POWER_ON_COUNT, 0);
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
              add.put(column.append(1, row), field, row);
            }
          });
      Oid col = StandardMib.PRT_MARKER_COLORANT_ENTRY;
      for (int row = 1; row <= colorants.size(); row++) {
        add.put(col.append(2, 1, row), Field.COLORANT_MARKER_INDEX, row);
        add.put(col.append(3, 1, row), Field.COLORANT_ROLE, row);
        add.put(StandardMib.PRT_MARKER_COLORANT_VALUE.append(1, row), Field.COLORANT_VALUE, row);
        add.put(col.append(5, 1, row), Field.COLORANT_TONALITY, row);
      }
      add.put(StandardMib.PRT_CONSOLE_DISPLAY_BUFFER_TEXT.append(1, 1), Field.CONSOLE_TEXT, 0);
      Oid al = StandardMib.PRT_ALERT_ENTRY;
      Field[] alert = {
        Field.ALERT_SEVERITY, Field.ALERT_TRAINING, Field.ALERT_GROUP, Field.ALERT_GROUP_INDEX,
        Field.ALERT_LOCATION, Field.ALERT_CODE, Field.ALERT_DESCRIPTION, Field.ALERT_TIME
      };
      List<Integer> alertRows = new ArrayList<>(List.of(Alerts.JAM, Alerts.PAPER, Alerts.DOOR));
      for (int row = 1; row <= supplies.size(); row++) {
        if (supplies.get(row - 1).isToner()) {
          alertRows.add(Alerts.SUPPLY + row);
        }
      }
      for (int c = 0; c < alert.length; c++) {
        for (int row : alertRows) {
          add.put(al.append(c + 2, 1, row), alert[c], row);
        }
      }
    }
    objects.forEach((oid, template) -> layout.put(oid, new Object[] {Field.TEMPLATE, 0, template}));
    this.oids = layout.keySet().toArray(Oid[]::new);
    this.fields = new Field[oids.length];
    this.rows = new int[oids.length];
    this.templates = new Template[oids.length];
    int i = 0;
    for (Object[] entry : layout.values()) {
      fields[i] = (Field) entry[0];
      rows[i] = (Integer) entry[1];
      templates[i] = (Template) entry[2];
      i++;
    }
  }

  @FunctionalInterface
  private interface Layout {
    void put(Oid oid, Field field, int row);
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
                "sysName", String.valueOf(spec.sysName()))
            .entrySet()) {
      if (key.getValue().isBlank() || key.getValue().equals("null")) {
        throw new IllegalArgumentException(name + ": key '" + key.getKey() + "' is missing");
      }
    }
    Kind kind;
    try {
      kind =
          Kind.valueOf(
              String.valueOf(spec.kind() == null ? "printer" : spec.kind())
                  .toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          name + ": key 'kind' is '" + spec.kind() + "', not printer, switch or ups", e);
    }
    if (spec.weight() < 0) {
      throw new IllegalArgumentException(name + ": key 'weight' must not be negative");
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
    if (spec.context() != null && (spec.context().isEmpty() || spec.context().length() > 32)) {
      throw new IllegalArgumentException(name + ": key 'context' needs 1 to 32 characters");
    }
    range(spec.initialPages(), name, "initialPages");
    range(spec.pagesPerHour(), name, "pagesPerHour");
    int markerTech = 4;
    if (spec.markerTech() != null) {
      Integer tech = MARKER_TECH.get(spec.markerTech());
      if (tech == null) {
        throw new IllegalArgumentException(
            name
                + ": key 'markerTech' is '"
                + spec.markerTech()
                + "', not one of "
                + MARKER_TECH.keySet());
      }
      markerTech = tech;
    }
    Map<String, Double> s = spec.shares() == null ? Map.of() : spec.shares();
    for (Map.Entry<String, Double> e : s.entrySet()) {
      if (!List.of("colour", "copy", "fax", "duplex", "large", "scan").contains(e.getKey())) {
        throw new IllegalArgumentException(
            name
                + ": key 'shares."
                + e.getKey()
                + "' is not colour, copy, fax, duplex, large or scan");
      }
      if (e.getValue() == null || e.getValue() < 0 || e.getValue() > 1) {
        throw new IllegalArgumentException(name + ": key 'shares." + e.getKey() + "' must be 0..1");
      }
    }
    Shares shares =
        new Shares(
            s.getOrDefault("colour", 0.0),
            s.getOrDefault("copy", 0.0),
            s.getOrDefault("fax", 0.0),
            s.getOrDefault("duplex", 0.0),
            s.getOrDefault("large", 0.0),
            s.getOrDefault("scan", 0.0));
    if (shares.copy() + shares.fax() > 1) {
      throw new IllegalArgumentException(name + ": shares copy + fax must not exceed 1");
    }
    List<SupplySpec> supplySpecs = spec.supplies() == null ? List.of() : spec.supplies();
    if (kind == Kind.PRINTER && supplySpecs.isEmpty()) {
      throw new IllegalArgumentException(name + ": key 'supplies' needs at least one row");
    }
    List<Supply> supplies = new ArrayList<>();
    List<String> colorants = new ArrayList<>();
    for (SupplySpec x : supplySpecs) {
      String row = name + ": supply '" + x.description() + "'";
      if (x.description() == null || x.description().isBlank()) {
        throw new IllegalArgumentException(name + ": a supply has no 'description'");
      }
      if (x.maxCapacity() < 1 && x.maxCapacity() != -1 && x.maxCapacity() != -2) {
        throw new IllegalArgumentException(
            row + ": key 'maxCapacity' must be positive, -1 (no limit) or -2 (unknown)");
      }
      int capacity =
          x.capacity() != null ? x.capacity() : x.maxCapacity() > 0 ? x.maxCapacity() : 100;
      if (capacity < 1) {
        throw new IllegalArgumentException(row + ": key 'capacity' must be positive");
      }
      if (x.pagesPerFill() < 1) {
        throw new IllegalArgumentException(row + ": key 'pagesPerFill' must be positive");
      }
      int colorantIndex = 0;
      if (x.colorant() != null) {
        if (!colorants.contains(x.colorant())) {
          colorants.add(x.colorant());
        }
        colorantIndex = colorants.indexOf(x.colorant()) + 1;
      }
      supplies.add(
          new Supply(
              x.description(),
              code(StandardMib.SUPPLY_TYPE_NAMES, x.type(), row, "type"),
              code(StandardMib.SUPPLY_CLASS_NAMES, x.supplyClass(), row, "class"),
              code(StandardMib.SUPPLY_UNIT_NAMES, x.unit(), row, "unit"),
              x.maxCapacity(),
              capacity,
              x.pagesPerFill(),
              colorantIndex,
              LevelStyle.of(x.level(), row)));
    }
    List<Tray> trays = new ArrayList<>();
    List<TraySpec> traySpecs =
        spec.trays() == null || spec.trays().isEmpty()
            ? List.of(new TraySpec("Tray 1", "A4", 250, null))
            : spec.trays();
    for (TraySpec t : traySpecs) {
      String row = name + ": tray '" + t.name() + "'";
      if (t.name() == null || t.media() == null || t.maxCapacity() < 1) {
        throw new IllegalArgumentException(
            row + ": needs 'name', 'media' and a positive 'maxCapacity'");
      }
      trays.add(new Tray(t.name(), t.media(), t.maxCapacity(), LevelStyle.of(t.level(), row)));
    }
    Map<Oid, Template> objects = new HashMap<>();
    if (spec.objects() != null) {
      for (Map.Entry<String, String> e : spec.objects().entrySet()) {
        Oid oid;
        try {
          oid = Oid.of(e.getKey());
        } catch (IllegalArgumentException ex) {
          throw new IllegalArgumentException(
              name + ": key 'objects': '" + e.getKey() + "' is not an OID", ex);
        }
        try {
          objects.put(oid, Template.of(e.getValue(), supplies.size()));
        } catch (IllegalArgumentException ex) {
          throw new IllegalArgumentException(
              name + ": key 'objects', OID " + e.getKey() + ": " + ex.getMessage(), ex);
        }
      }
    }
    return new PrinterModel(
        spec, kind, sysObjectId, oui, markerTech, shares, supplies, trays, colorants, objects);
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

  /** The name on the device: the make unless the file gives a brand. */
  String brand() {
    return brand;
  }

  String model() {
    return model;
  }

  String fullName() {
    return make + " " + model;
  }

  Kind kind() {
    return kind;
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

  String firmware() {
    return firmware;
  }

  int markerTech() {
    return markerTech;
  }

  /**
   * The SNMPv3 context its MIB is in: {@code ""} (the default context) or e.g. {@code Jetdirect},
   * as HP MFPs answer only with {@code -n Jetdirect}.
   */
  String context() {
    return context;
  }

  /** The make's IANA enterprise number (from its sysObjectID). */
  int enterprise() {
    return sysObjectId.arcs()[6];
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

  Shares shares() {
    return shares;
  }

  List<Supply> supplies() {
    return supplies;
  }

  List<Tray> trays() {
    return trays;
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

  Template templateAt(int index) {
    return templates[index];
  }

  @Override
  public String toString() {
    return fullName();
  }
}
