package org.openrps.server.amr;

/**
 * Where the close job hands the missed-read list, once per customer and period, when the lead time
 * before a cut-off begins: the e-mail hook for the server's mail package (issue 11 point 5), which
 * is to send it to the customer's meter-read recipients. Until that package is wired in, the server
 * logs the list.
 */
@FunctionalInterface
public interface MissedReadsHook {

  /** Called at most once per customer and period; must not throw for a failed delivery. */
  void missedReads(Amr.MissedReads list);
}
