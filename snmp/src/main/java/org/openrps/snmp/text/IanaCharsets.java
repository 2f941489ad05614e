package org.openrps.snmp.text;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Map;
import java.util.Optional;

/**
 * The coded character sets a device names by IANA MIBenum (the IANA Character Sets registry, as the
 * Printer MIB's {@code prtLocalizationCharacterSet} and the IANA-CHARSET-MIB use them), as Java
 * charsets. Only the sets printers are known to declare are listed; an unlisted number is unknown,
 * never guessed.
 */
public final class IanaCharsets {

  /** MIBenum to the charset's IANA name (which Java knows by that name or an alias). */
  private static final Map<Integer, String> NAMES =
      Map.ofEntries(
          Map.entry(3, "US-ASCII"),
          Map.entry(4, "ISO-8859-1"),
          Map.entry(5, "ISO-8859-2"),
          Map.entry(6, "ISO-8859-3"),
          Map.entry(7, "ISO-8859-4"),
          Map.entry(8, "ISO-8859-5"),
          Map.entry(9, "ISO-8859-6"),
          Map.entry(10, "ISO-8859-7"),
          Map.entry(11, "ISO-8859-8"),
          Map.entry(12, "ISO-8859-9"),
          Map.entry(17, "Shift_JIS"),
          Map.entry(18, "EUC-JP"),
          Map.entry(38, "EUC-KR"),
          Map.entry(39, "ISO-2022-JP"),
          Map.entry(106, "UTF-8"),
          Map.entry(109, "ISO-8859-13"),
          Map.entry(111, "ISO-8859-15"),
          Map.entry(113, "GBK"),
          Map.entry(114, "GB18030"),
          Map.entry(1013, "UTF-16BE"),
          Map.entry(1014, "UTF-16LE"),
          Map.entry(1015, "UTF-16"),
          Map.entry(2025, "GB2312"),
          Map.entry(2026, "Big5"),
          Map.entry(2084, "KOI8-R"),
          Map.entry(2250, "windows-1250"),
          Map.entry(2251, "windows-1251"),
          Map.entry(2252, "windows-1252"),
          Map.entry(2253, "windows-1253"),
          Map.entry(2254, "windows-1254"),
          Map.entry(2255, "windows-1255"),
          Map.entry(2256, "windows-1256"),
          Map.entry(2257, "windows-1257"),
          Map.entry(2258, "windows-1258"));

  private IanaCharsets() {}

  /** The charset with IANA MIBenum {@code mibEnum}, when it is listed and this JVM has it. */
  public static Optional<Charset> forMibEnum(long mibEnum) {
    if (mibEnum < 0 || mibEnum > Integer.MAX_VALUE) {
      return Optional.empty();
    }
    String name = NAMES.get((int) mibEnum);
    if (name == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(Charset.forName(name));
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      return Optional.empty();
    }
  }
}
