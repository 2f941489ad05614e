package org.openrps.server.dashboard;

import java.util.Map;
import java.util.function.Function;
import org.openrps.server.http.ApiException;

/**
 * What the agents, access and reports pages share: a page number from a query, a query string from
 * parameters, the paging links, and the notices a form's redirect names.
 */
final class OpsForms {

  private OpsForms() {}

  /** A page number from a query; 400 unless it is a whole number from 1. */
  static int page(String text) {
    try {
      int p = Integer.parseInt(text.strip());
      if (p >= 1 && p <= 1_000_000) {
        return p;
      }
    } catch (NumberFormatException e) {
      // refused below
    }
    throw ApiException.badRequest("page must be a whole number from 1");
  }

  /** {@code ?a=1&b=2} of the non-empty parameters, in their order; empty when none is set. */
  static String query(Map<String, String> parameters) {
    StringBuilder out = new StringBuilder();
    parameters.forEach(
        (k, v) -> {
          if (v != null && !v.isEmpty()) {
            out.append(out.isEmpty() ? "?" : "&").append(k).append('=').append(Html.url(v));
          }
        });
    return out.toString();
  }

  /** Previous and next links, or nothing when everything fits on one page. */
  static String links(
      String path, int page, long matching, int pageSize, Function<String, String> queryOfPage) {
    long pages = Math.max(1, (matching + pageSize - 1) / pageSize);
    if (pages == 1) {
      return "";
    }
    StringBuilder out = new StringBuilder("<nav class=\"paging\" aria-label=\"Pages\">");
    if (page > 1) {
      out.append("<a rel=\"prev\" href=\"")
          .append(Html.escape(path + queryOfPage.apply(Integer.toString(page - 1))))
          .append("\">Previous</a>");
    }
    out.append("<span>Page ")
        .append(Html.count(page))
        .append(" of ")
        .append(Html.count(pages))
        .append("</span>");
    if (page < pages) {
      out.append("<a rel=\"next\" href=\"")
          .append(Html.escape(path + queryOfPage.apply(Integer.toString(page + 1))))
          .append("\">Next</a>");
    }
    return out.append("</nav>").toString();
  }

  /** A text field's value from a form, stripped; empty when absent. */
  static String field(org.openrps.server.http.Request request, String name) {
    return request.form(name).orElse("").strip();
  }
}
