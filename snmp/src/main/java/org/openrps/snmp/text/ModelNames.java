package org.openrps.snmp.text;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Model names as people use them, from what devices publish: without the firmware version or the
 * serial (service tag) some append, from the IEEE 1284 device ID when sysDescr carries one, and
 * with a family name ("… Series") known as less exact than a model.
 */
public final class ModelNames {

  /** A firmware-like token: 9.1.118, V4.12, 2R7_2000.004.102, 11.2.3. */
  private static final Pattern VERSION =
      Pattern.compile("(?i)(?:v|ver\\.?|fw:?|firmware:?)?\\d+(?:[._]\\d+){1,4}[a-z]?");

  private static final Pattern SERVICE_TAG =
      Pattern.compile(
          "(?i)[,;]?\\s*(?:service\\s*tag|s/?n|serial(?:\\s*number)?)\\s*[:#]?\\s*\\S+$");

  private static final Pattern FAMILY = Pattern.compile("(?i).*\\b(?:series|family)$");

  private ModelNames() {}

  /**
   * {@code model} without what devices append to it: a trailing service tag or serial ({@code
   * Service Tag 7XK2D42}, {@code SN:...}, or the device's own serial as the last word) and a
   * trailing firmware version (the device's {@code firmware}, or a version-like last word), as long
   * as something is left.
   */
  public static String strip(String model, Optional<String> firmware, Optional<String> serial) {
    String m = DeviceText.clean(model);
    String before;
    do {
      before = m;
      m = SERVICE_TAG.matcher(m).replaceFirst("").strip();
      String last = lastWord(m);
      if (last.isEmpty() || last.length() == m.length()) {
        break;
      }
      boolean isSerial = serial.filter(s -> !s.isBlank() && s.equalsIgnoreCase(last)).isPresent();
      boolean isFirmware =
          firmware.filter(f -> !f.isBlank() && f.equalsIgnoreCase(last)).isPresent()
              || VERSION.matcher(last).matches();
      if (isSerial || isFirmware) {
        m = m.substring(0, m.length() - last.length()).strip();
        m = m.replaceAll("[,;:/-]+$", "").strip();
      }
    } while (!m.equals(before) && !m.isEmpty());
    return m.isEmpty() ? DeviceText.clean(model) : m;
  }

  /** The model from an IEEE 1284 device ID inside {@code sysDescr}, when it holds one. */
  public static Optional<String> fromDeviceId(String text) {
    if (text == null || !text.toUpperCase(Locale.ROOT).contains("MDL:")) {
      return Optional.empty();
    }
    return Ieee1284DeviceId.parse(text).flatMap(Ieee1284DeviceId::model);
  }

  /** True for a family name ("HL-L8360CDW series", "imageRUNNER ADVANCE Family"). */
  public static boolean isFamily(String model) {
    return FAMILY.matcher(DeviceText.clean(model)).matches();
  }

  private static String lastWord(String s) {
    int blank = s.lastIndexOf(' ');
    return blank < 0 ? s : s.substring(blank + 1);
  }
}
