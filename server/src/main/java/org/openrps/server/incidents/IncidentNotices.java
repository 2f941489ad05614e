package org.openrps.server.incidents;

import java.util.List;

/**
 * Where the incident job hands the incidents it opened and closed in a run, after its transaction:
 * the server queues their e-mails (support recipients; communication loss to its own recipients).
 */
@FunctionalInterface
public interface IncidentNotices {

  /** Hears nothing: for tests and tools that send no e-mail. */
  IncidentNotices NONE = notices -> {};

  /** Called once per run that opened or closed something; must not throw for a failed send. */
  void changed(List<IncidentRepository.Notice> notices);
}
