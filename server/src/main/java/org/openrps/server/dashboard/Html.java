package org.openrps.server.dashboard;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.openrps.server.http.HtmlText;

/**
 * Text for the server-rendered pages: escaping, and the one way each kind of figure is shown (page
 * counts with thousands separators, times in UTC, an unknown figure as "unknown", never as 0).
 */
public final class Html {

  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  /** What an unknown figure shows. */
  public static final String UNKNOWN = "<span class=\"muted\">unknown</span>";

  private Html() {}

  /** Escapes text for element content and quoted attributes (the server's {@link HtmlText}). */
  public static String escape(String text) {
    return HtmlText.escape(text);
  }

  /** Escaped text, or "unknown" when there is none. */
  public static String text(Optional<String> text) {
    return text.filter(t -> !t.isBlank()).map(Html::escape).orElse(UNKNOWN);
  }

  /** A whole number with thousands separators: {@code 1,234,567}. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  public static String count(OptionalLong n) {
    return n.isPresent() ? count(n.getAsLong()) : UNKNOWN;
  }

  public static String count(Long n) {
    return n == null ? UNKNOWN : count(n.longValue());
  }

  /** A percentage rounded to a whole number: {@code 42 %}. */
  public static String percent(double p) {
    return Math.round(p) + " %";
  }

  public static String percent(OptionalDouble p) {
    return p.isPresent() ? percent(p.getAsDouble()) : UNKNOWN;
  }

  public static String time(Instant t) {
    return t == null ? UNKNOWN : "<time datetime=\"" + t + "\">" + TIME.format(t) + "</time>";
  }

  public static String time(Optional<Instant> t) {
    return time(t.orElse(null));
  }

  /** A time as plain text, for titles and CSV-free places. */
  public static String timeText(Instant t) {
    return TIME.format(t);
  }

  /** A value for a URL's query or path segment. */
  public static String url(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** A link; {@code href} is built by the caller from {@link #url} parts. */
  public static String link(String href, String text) {
    return "<a href=\"" + escape(href) + "\">" + escape(text) + "</a>";
  }

  /** A hidden field with the session's CSRF token, for every form that changes something. */
  public static String csrf(String token) {
    return "<input type=\"hidden\" name=\"csrf\" value=\"" + escape(token) + "\">";
  }
}
