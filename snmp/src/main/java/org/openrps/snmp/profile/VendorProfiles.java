package org.openrps.snmp.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.openrps.snmp.Oid;
import org.openrps.snmp.mib.StandardMib;
import org.openrps.wire.key.Makes;

/**
 * The vendor profiles: one data file per make, validated when loaded. A broken file stops loading
 * with a message that names the file and the key.
 */
public final class VendorProfiles {

  /** Where the shipped profiles live, with their index {@code profiles.list}. */
  public static final String FOLDER = "/org/openrps/snmp/profiles/";

  private static final Set<String> KEYS_FIXED =
      Set.of(
          "make", "enterprises", "serial.sysDescr", "serial.quirks", "model.order", "brand.order");
  private static final Pattern NUMBERED =
      Pattern.compile("(serial|model|firmware|ieee1284|brand|supply\\.partNumber)\\.([1-9][0-9]?)");
  private static final Pattern METER = Pattern.compile("meter\\.(.+?)(\\.confidence)?");
  private static final Pattern TABLE_TERM =
      Pattern.compile("([0-9.]+)\\[([0-9.]+=-?[0-9]+(?:,[0-9.]+=-?[0-9]+)*)](\\*?)");
  private static final Pattern COLUMN_TERM = Pattern.compile("([0-9.]+)\\[\\*]");
  private static final Pattern NAMED_TERM = Pattern.compile("([0-9.]+)\\[([0-9.]+)=\"([^\"]+)\"]");

  private final List<VendorProfile> profiles;
  private final Map<Long, VendorProfile> byEnterprise;
  private final Optional<String> version;

  private VendorProfiles(List<VendorProfile> profiles, Optional<String> version) {
    this.profiles = List.copyOf(profiles);
    this.version = version;
    Map<Long, VendorProfile> map = new HashMap<>();
    for (VendorProfile p : profiles) {
      for (long e : p.enterprises()) {
        VendorProfile before = map.put(e, p);
        if (before != null) {
          throw new IllegalStateException(
              "enterprise " + e + " is claimed by " + before.make() + " and " + p.make());
        }
      }
    }
    this.byEnterprise = Map.copyOf(map);
  }

  /** The profiles shipped in this jar. */
  public static VendorProfiles standard() {
    String index = FOLDER + "profiles.list";
    List<VendorProfile> loaded = new ArrayList<>();
    MessageDigest digest = sha256();
    Makes makes = Makes.standard();
    try (InputStream in = VendorProfiles.class.getResourceAsStream(index)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + index);
      }
      byte[] list = in.readAllBytes();
      digest.update(list);
      try (InputStream defaults =
          VendorProfiles.class.getResourceAsStream(FOLDER + NameRules.DEFAULTS)) {
        if (defaults == null) {
          throw new IllegalStateException("missing resource " + FOLDER + NameRules.DEFAULTS);
        }
        digest.update(defaults.readAllBytes());
      }
      for (String line : new String(list, StandardCharsets.UTF_8).split("\n")) {
        String name = line.strip();
        if (name.isEmpty() || name.startsWith("#")) {
          continue;
        }
        try (InputStream file = VendorProfiles.class.getResourceAsStream(FOLDER + name)) {
          if (file == null) {
            throw new IllegalStateException(index + " lists " + name + ", which is missing");
          }
          byte[] bytes = file.readAllBytes();
          digest.update(bytes);
          loaded.add(
              parse(
                  name,
                  new InputStreamReader(
                      new java.io.ByteArrayInputStream(bytes), StandardCharsets.UTF_8),
                  Optional.of(makes)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the vendor profiles", e);
    }
    String hash = HexFormat.of().formatHex(digest.digest()).substring(0, 12);
    return new VendorProfiles(loaded, Optional.of(loaded.size() + " profiles sha256:" + hash));
  }

  /** Profiles from given files (for tests and site-specific additions): no version. */
  public static VendorProfiles of(List<VendorProfile> profiles) {
    return new VendorProfiles(profiles, Optional.empty());
  }

  /**
   * The version of these discovery rules, as an agent reports it: for the shipped profiles, their
   * number and the first 12 hex digits of a SHA-256 over the index and every listed file, in index
   * order ({@code "10 profiles sha256:3f2a9c1b7d4e"}), so any change to a profile file changes it;
   * empty for profiles made with {@link #of(List)}.
   */
  public Optional<String> version() {
    return version;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no SHA-256 in this JVM", e);
    }
  }

  /**
   * Parses one profile file.
   *
   * @param file the file's name, for messages
   * @throws IllegalArgumentException naming the file, the key and the rule broken
   */
  public static VendorProfile parse(String file, Reader text) throws IOException {
    return parse(file, text, Optional.empty());
  }

  /**
   * Parses one profile file; with {@code makes}, the file names no enterprise numbers: they are the
   * make table's rows for the profile's make (one make table, issue 10 point 7).
   */
  static VendorProfile parse(String file, Reader text, Optional<Makes> makes) throws IOException {
    Properties p = new Properties();
    p.load(text);
    Map<Integer, Oid> serials = new TreeMap<>();
    Map<Integer, Oid> models = new TreeMap<>();
    Map<Integer, Oid> firmwares = new TreeMap<>();
    Map<Integer, Pattern> parts = new TreeMap<>();
    Map<Integer, Oid> deviceIds = new TreeMap<>();
    Map<Integer, Brand> brands = new TreeMap<>();
    Map<String, String> meterExpr = new TreeMap<>();
    Map<String, String> meterConfidence = new HashMap<>();
    for (String key : p.stringPropertyNames()) {
      String value = p.getProperty(key).strip();
      if (KEYS_FIXED.contains(key)) {
        continue;
      }
      var numbered = NUMBERED.matcher(key);
      var meter = METER.matcher(key);
      if (numbered.matches()) {
        int n = Integer.parseInt(numbered.group(2));
        switch (numbered.group(1)) {
          case "serial" -> serials.put(n, oid(file, key, value));
          case "model" -> models.put(n, oid(file, key, value));
          case "firmware" -> firmwares.put(n, oid(file, key, value));
          case "ieee1284" -> deviceIds.put(n, oid(file, key, value));
          case "brand" -> brands.put(n, NameRules.brand(file, key, value));
          default -> parts.put(n, pattern(file, key, value));
        }
      } else if (meter.matches()) {
        if (meter.group(2) != null) {
          meterConfidence.put(meter.group(1), value);
        } else {
          meterExpr.put(meter.group(1), value);
        }
      } else {
        throw problem(file, key, "unknown key");
      }
    }
    String make = required(file, p, "make");
    Set<Long> enterprises = new LinkedHashSet<>();
    if (makes.isPresent()) {
      if (p.containsKey("enterprises")) {
        throw problem(
            file,
            "enterprises",
            "enterprise numbers live in the make table (" + Makes.RESOURCE + "), not here");
      }
      enterprises.addAll(makes.get().enterprisesOf(make));
      if (enterprises.isEmpty()) {
        throw problem(file, "make", "\"" + make + "\" is not a manufacturer of " + Makes.RESOURCE);
      }
    }
    for (String e :
        makes.isPresent() ? new String[0] : required(file, p, "enterprises").split(",")) {
      try {
        long n = Long.parseLong(e.strip());
        if (n < 1 || n > 0xFFFF_FFFFL) {
          throw new NumberFormatException();
        }
        enterprises.add(n);
      } catch (NumberFormatException x) {
        throw problem(file, "enterprises", "\"" + e.strip() + "\" is not an enterprise number");
      }
    }
    Set<SerialQuirk> quirks = new LinkedHashSet<>();
    String quirkList = p.getProperty("serial.quirks", "").strip();
    for (String q : quirkList.isEmpty() ? new String[0] : quirkList.split(",")) {
      try {
        quirks.add(SerialQuirk.valueOf(q.strip()));
      } catch (IllegalArgumentException x) {
        throw problem(file, "serial.quirks", "no quirk named \"" + q.strip() + "\"");
      }
    }
    Optional<Pattern> inSysDescr =
        Optional.ofNullable(p.getProperty("serial.sysDescr"))
            .map(v -> pattern(file, "serial.sysDescr", v.strip()));
    NameRules names =
        NameRules.standard()
            .with(
                order(file, p, "model.order", NameRules.MODEL_SOURCES),
                order(file, p, "brand.order", NameRules.BRAND_SOURCES),
                List.copyOf(deviceIds.values()),
                List.copyOf(brands.values()));
    List<MeterDefinition> meters = new ArrayList<>();
    for (Map.Entry<String, String> m : meterExpr.entrySet()) {
      String key = "meter." + m.getKey();
      List<List<MeterTerm>> alternatives = new ArrayList<>();
      for (String alternative : split(m.getValue(), '|')) {
        List<MeterTerm> terms = new ArrayList<>();
        for (String term : split(alternative, '+')) {
          terms.add(term(file, key, term.strip()));
        }
        alternatives.add(terms);
      }
      String conf = meterConfidence.remove(m.getKey());
      if (conf == null) {
        throw problem(file, key + ".confidence", "missing: say high, medium or low");
      }
      Confidence confidence;
      try {
        confidence = Confidence.valueOf(conf.toLowerCase(Locale.ROOT));
      } catch (IllegalArgumentException x) {
        throw problem(file, key + ".confidence", "\"" + conf + "\" is not high, medium or low");
      }
      try {
        meters.add(new MeterDefinition(m.getKey(), alternatives, confidence));
      } catch (IllegalArgumentException x) {
        throw problem(file, key, x.getMessage());
      }
    }
    if (!meterConfidence.isEmpty()) {
      String orphan = meterConfidence.keySet().iterator().next();
      throw problem(
          file, "meter." + orphan + ".confidence", "no meter." + orphan + " to go with it");
    }
    try {
      return new VendorProfile(
          make,
          enterprises,
          List.copyOf(serials.values()),
          inSysDescr,
          quirks,
          List.copyOf(models.values()),
          List.copyOf(firmwares.values()),
          meters,
          List.copyOf(parts.values()),
          names);
    } catch (IllegalArgumentException x) {
      throw new IllegalArgumentException(file + ": " + x.getMessage(), x);
    }
  }

  private static List<NameSource> order(
      String file, Properties p, String key, Set<NameSource> allowed) {
    String text = p.getProperty(key);
    return text == null || text.isBlank() ? List.of() : NameRules.order(file, key, text, allowed);
  }

  /** Every profile, in index order. */
  public List<VendorProfile> all() {
    return profiles;
  }

  /** The profile of a make by enterprise number. */
  public Optional<VendorProfile> forEnterprise(long enterprise) {
    return Optional.ofNullable(byEnterprise.get(enterprise));
  }

  /** The profile for a sysObjectID, when it lies under 1.3.6.1.4.1 and a profile claims it. */
  public Optional<VendorProfile> forSysObjectId(Oid sysObjectId) {
    if (!sysObjectId.startsWith(StandardMib.ENTERPRISES)
        || sysObjectId.size() <= StandardMib.ENTERPRISES.size()) {
      return Optional.empty();
    }
    return forEnterprise(
        Integer.toUnsignedLong(sysObjectId.arcs()[StandardMib.ENTERPRISES.size()]));
  }

  /** {@code text} cut at {@code separator}, except inside double quotes (row names). */
  static List<String> split(String text, char separator) {
    List<String> parts = new ArrayList<>();
    StringBuilder part = new StringBuilder();
    boolean quoted = false;
    for (char c : text.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == separator && !quoted) {
        parts.add(part.toString());
        part.setLength(0);
      } else {
        part.append(c);
      }
    }
    parts.add(part.toString());
    return parts;
  }

  private static MeterTerm term(String file, String key, String text) {
    var named = NAMED_TERM.matcher(text);
    if (named.matches()) {
      return new MeterTerm.NamedRow(
          oid(file, key, named.group(1)), oid(file, key, named.group(2)), named.group(3));
    }
    var column = COLUMN_TERM.matcher(text);
    if (column.matches()) {
      return new MeterTerm.Column(oid(file, key, column.group(1)));
    }
    var table = TABLE_TERM.matcher(text);
    if (table.matches()) {
      List<MeterTerm.Match> where = new ArrayList<>();
      for (String condition : table.group(2).split(",")) {
        int eq = condition.indexOf('=');
        where.add(
            new MeterTerm.Match(
                oid(file, key, condition.substring(0, eq)),
                Long.parseLong(condition.substring(eq + 1))));
      }
      try {
        return new MeterTerm.TableRow(
            oid(file, key, table.group(1)), where, !table.group(3).isEmpty());
      } catch (IllegalArgumentException x) {
        throw problem(file, key, "\"" + text + "\": " + x.getMessage());
      }
    }
    if (text.contains("[")) {
      throw problem(
          file,
          key,
          "\""
              + text
              + "\" is not VALUE_COLUMN[TYPE_COLUMN=N,...], the same with * (every row),"
              + " VALUE_COLUMN[NAME_COLUMN=\"name\"] or COLUMN[*]");
    }
    return new MeterTerm.Scalar(oid(file, key, text));
  }

  private static String required(String file, Properties p, String key) {
    String v = p.getProperty(key);
    if (v == null || v.isBlank()) {
      throw problem(file, key, "missing");
    }
    return v.strip();
  }

  private static Oid oid(String file, String key, String value) {
    try {
      return Oid.of(value);
    } catch (IllegalArgumentException e) {
      throw problem(file, key, "\"" + value + "\" is not an OID");
    }
  }

  private static Pattern pattern(String file, String key, String value) {
    try {
      Pattern p = Pattern.compile(value);
      if (p.matcher("").groupCount() < 1) {
        throw problem(file, key, "the pattern needs a group: (...) around the wanted text");
      }
      return p;
    } catch (PatternSyntaxException e) {
      throw problem(file, key, "not a regular expression: " + e.getDescription());
    }
  }

  private static IllegalArgumentException problem(String file, String key, String rule) {
    return new IllegalArgumentException(file + ": key " + key + ": " + rule);
  }
}
