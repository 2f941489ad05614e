package org.openrps.server.http;

/**
 * HTML escaping, the one copy for the server's pages, reports, statements and mails: text is safe
 * in element content and in double- or single-quoted attributes. Control characters (which HTML
 * cannot hold, and which a device may well report) become U+FFFD; tabs and line ends stay.
 */
public final class HtmlText {

  private HtmlText() {}

  /** The text with {@code & < > " '} escaped; null gives the empty string. */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default ->
            out.append(
                Character.isISOControl(c) && c != '\n' && c != '\t' && c != '\r' ? '\uFFFD' : c);
      }
    }
    return out.toString();
  }
}
