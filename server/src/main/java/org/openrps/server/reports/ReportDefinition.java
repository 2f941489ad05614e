package org.openrps.server.reports;

import java.util.List;
import java.util.Objects;

/**
 * One kind of report in the registry ({@link Reports}): its name, what it is, the parameters it
 * takes beyond {@code customer}, and how it is made for a request. The registry narrows the scope
 * to the customer asked for before {@link #make} is called, so a definition reads within {@link
 * ReportRequest#scope()} and nothing else.
 */
public interface ReportDefinition {

  /** A parameter a report takes. */
  record Parameter(String name, String description, boolean required) {
    public Parameter {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(description, "description");
    }
  }

  /** The name in the registry, the API path and the CLI, e.g. {@code sync-health}. */
  String name();

  /** The title, e.g. {@code Sync health per agent}. */
  String title();

  /** One sentence: what the report shows. */
  String description();

  /** True when the report is about one customer: a provider admin must say which. */
  default boolean oneCustomer() {
    return false;
  }

  /** The parameters it takes, beyond {@code customer}. */
  default List<Parameter> parameters() {
    return List.of();
  }

  /**
   * The report for the request; throws {@link org.openrps.server.http.ApiException} to refuse it
   * (e.g. 404 for a period that is not closed).
   */
  Report make(ReportRequest request);
}
