package org.openrps.mailer;

import java.util.regex.Pattern;

/** A plain e-mail address: local part, {@code @}, domain; no display name, no spaces, no commas. */
public final class MailAddress {

  private static final Pattern ADDRESS =
      Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}@[A-Za-z0-9.-]{1,253}");

  private MailAddress() {}

  /** True when {@code text} is a plain address. */
  public static boolean valid(String text) {
    return text != null && ADDRESS.matcher(text).matches();
  }

  /**
   * {@code text} when it is a plain address.
   *
   * @throws IllegalArgumentException "not an e-mail address: 'x'" otherwise
   */
  public static String check(String text) {
    if (!valid(text)) {
      throw new IllegalArgumentException("not an e-mail address: '" + text + "'");
    }
    return text;
  }
}
