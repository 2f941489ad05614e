package org.openrps.snmp.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * A name devices are sold under, with the other spellings devices use for it ({@code
 * Hewlett-Packard} for HP, {@code KYOCERA MITA} for Kyocera, {@code TA} for TA Triumph-Adler).
 *
 * @param name the brand as shown
 * @param aliases other spellings, matched without regard to case
 */
public record Brand(String name, List<String> aliases) {

  public Brand {
    Objects.requireNonNull(name, "name");
    if (name.isBlank() || name.length() > 64) {
      throw new IllegalArgumentException("a brand is 1 to 64 characters: \"" + name + "\"");
    }
    aliases = List.copyOf(aliases);
  }

  /** Every spelling, the longest first (so "TA Triumph-Adler" wins over "TA"). */
  List<String> spellings() {
    List<String> all = new ArrayList<>(aliases);
    all.add(name);
    all.sort((a, b) -> Integer.compare(b.length(), a.length()));
    return all;
  }

  /** True when {@code text} is this brand (any spelling, any case). */
  public boolean is(String text) {
    String t = text.strip();
    return spellings().stream().anyMatch(s -> s.equalsIgnoreCase(t));
  }

  /**
   * The length of the spelling {@code text} starts with, followed by a blank or its end, if any:
   * "KYOCERA MITA FS-1030D" starts with Kyocera's alias "KYOCERA MITA".
   */
  public Optional<Integer> leads(String text) {
    String lower = text.strip().toLowerCase(Locale.ROOT);
    for (String s : spellings()) {
      String sl = s.toLowerCase(Locale.ROOT);
      if (lower.startsWith(sl)
          && (lower.length() == sl.length()
              || !Character.isLetterOrDigit(lower.charAt(sl.length())))) {
        return Optional.of(sl.length());
      }
    }
    return Optional.empty();
  }
}
