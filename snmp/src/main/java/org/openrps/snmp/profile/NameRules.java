package org.openrps.snmp.profile;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import org.openrps.snmp.Oid;

/**
 * How a make's devices are named: the order of trust of the sources of the model and of the brand,
 * the OIDs that hold an IEEE 1284 device ID and the brands the make's devices are sold under. A
 * profile's {@code model.order}, {@code brand.order}, {@code ieee1284.N} and {@code brand.N}; what
 * a profile leaves out, and every name of a make without a profile, comes from {@value #DEFAULTS}.
 *
 * @param modelOrder the sources of the model, most trusted first
 * @param brandOrder the sources of the brand, most trusted first
 * @param deviceIdOids the OIDs of IEEE 1284 device IDs, the standard one(s) first
 * @param brands the brands of the make (empty: any name the make table knows)
 */
public record NameRules(
    List<NameSource> modelOrder,
    List<NameSource> brandOrder,
    List<Oid> deviceIdOids,
    List<Brand> brands) {

  /** The file of the defaults, beside the profiles. */
  public static final String DEFAULTS = "defaults.properties";

  /** The sources a model can come from ({@link NameSource#model} is not one). */
  static final Set<NameSource> MODEL_SOURCES =
      EnumSet.of(
          NameSource.ieee1284,
          NameSource.vendor,
          NameSource.hrDeviceDescr,
          NameSource.prtGeneralPrinterName,
          NameSource.sysDescr);

  /** The sources a brand can come from. */
  static final Set<NameSource> BRAND_SOURCES =
      EnumSet.of(
          NameSource.ieee1284,
          NameSource.model,
          NameSource.vendor,
          NameSource.hrDeviceDescr,
          NameSource.prtGeneralPrinterName,
          NameSource.sysDescr);

  private static final NameRules STANDARD = load();

  public NameRules {
    modelOrder = List.copyOf(modelOrder);
    brandOrder = List.copyOf(brandOrder);
    deviceIdOids = List.copyOf(deviceIdOids);
    brands = List.copyOf(brands);
    if (modelOrder.isEmpty() || !MODEL_SOURCES.containsAll(modelOrder)) {
      throw new IllegalArgumentException("a model order names sources of " + MODEL_SOURCES);
    }
    if (brandOrder.isEmpty() || !BRAND_SOURCES.containsAll(brandOrder)) {
      throw new IllegalArgumentException("a brand order names sources of " + BRAND_SOURCES);
    }
  }

  /** The defaults shipped beside the profiles, for makes without a profile. */
  public static NameRules standard() {
    return STANDARD;
  }

  /**
   * These rules with a profile's own: its orders where it has them, its device ID OIDs after the
   * standard ones, its brands.
   */
  NameRules with(
      List<NameSource> ownModelOrder,
      List<NameSource> ownBrandOrder,
      List<Oid> ownDeviceIdOids,
      List<Brand> ownBrands) {
    Set<Oid> ids = new LinkedHashSet<>(deviceIdOids);
    ids.addAll(ownDeviceIdOids);
    return new NameRules(
        ownModelOrder.isEmpty() ? modelOrder : ownModelOrder,
        ownBrandOrder.isEmpty() ? brandOrder : ownBrandOrder,
        List.copyOf(ids),
        ownBrands.isEmpty() ? brands : ownBrands);
  }

  /**
   * An order as written: comma-separated source names, each once, each one of {@code allowed}.
   *
   * @throws IllegalArgumentException naming the file, the key and the rule
   */
  static List<NameSource> order(String file, String key, String text, Set<NameSource> allowed) {
    List<NameSource> out = new ArrayList<>();
    for (String part : text.split(",")) {
      NameSource s =
          NameSource.named(part)
              .filter(allowed::contains)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          file
                              + ": key "
                              + key
                              + ": \""
                              + part.strip()
                              + "\" is not one of "
                              + allowed));
      if (out.contains(s)) {
        throw new IllegalArgumentException(file + ": key " + key + ": " + s + " named twice");
      }
      out.add(s);
    }
    return out;
  }

  /** A brand as written: its name, then its other spellings, comma-separated. */
  static Brand brand(String file, String key, String text) {
    List<String> names = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.isBlank()) {
        names.add(part.strip());
      }
    }
    if (names.isEmpty()) {
      throw new IllegalArgumentException(file + ": key " + key + ": no brand name");
    }
    try {
      return new Brand(names.get(0), names.subList(1, names.size()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": key " + key + ": " + e.getMessage(), e);
    }
  }

  private static NameRules load() {
    String resource = VendorProfiles.FOLDER + DEFAULTS;
    Properties p = new Properties();
    try (InputStream in = NameRules.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + resource);
      }
      p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource, e);
    }
    List<Oid> ids = new ArrayList<>();
    for (int n = 1; p.containsKey("ieee1284." + n); n++) {
      ids.add(Oid.of(p.getProperty("ieee1284." + n).strip()));
    }
    for (String key : p.stringPropertyNames()) {
      if (!key.equals("model.order")
          && !key.equals("brand.order")
          && !key.matches("ieee1284\\.[1-9][0-9]?")) {
        throw new IllegalArgumentException(DEFAULTS + ": key " + key + ": unknown key");
      }
    }
    return new NameRules(
        order(
            DEFAULTS,
            "model.order",
            Objects.requireNonNull(p.getProperty("model.order"), DEFAULTS + ": model.order"),
            MODEL_SOURCES),
        order(
            DEFAULTS,
            "brand.order",
            Objects.requireNonNull(p.getProperty("brand.order"), DEFAULTS + ": brand.order"),
            BRAND_SOURCES),
        ids,
        List.of());
  }
}
