package org.openrps.testkit;

import java.util.ArrayList;
import java.util.List;

/** A strict RFC 4180 reader for tests: CRLF records, quoted fields with doubled quotes. */
public final class RfcCsv {

  private RfcCsv() {}

  /**
   * The records of {@code text}, each a list of its fields; refuses anything RFC 4180 does not
   * allow (a bare LF or quote, text after a closing quote, a last record without CRLF).
   */
  public static List<List<String>> parse(String text) {
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '"' && cell.length() == 0) {
        i++;
        while (true) {
          if (i >= text.length()) {
            throw new IllegalArgumentException("unterminated quoted field");
          }
          char q = text.charAt(i);
          if (q == '"') {
            if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
              cell.append('"');
              i += 2;
              continue;
            }
            i++;
            break;
          }
          cell.append(q);
          i++;
        }
        if (i < text.length() && text.charAt(i) != ',' && text.charAt(i) != '\r') {
          throw new IllegalArgumentException("text after a closing quote at " + i);
        }
      } else if (c == ',') {
        row.add(cell.toString());
        cell.setLength(0);
        i++;
      } else if (c == '\r') {
        if (i + 1 >= text.length() || text.charAt(i + 1) != '\n') {
          throw new IllegalArgumentException("CR without LF at " + i);
        }
        row.add(cell.toString());
        cell.setLength(0);
        rows.add(row);
        row = new ArrayList<>();
        i += 2;
      } else if (c == '\n' || c == '"') {
        throw new IllegalArgumentException("bare " + (c == '"' ? "quote" : "LF") + " at " + i);
      } else {
        cell.append(c);
        i++;
      }
    }
    if (cell.length() > 0 || !row.isEmpty()) {
      throw new IllegalArgumentException("the last record has no CRLF");
    }
    return rows;
  }
}
