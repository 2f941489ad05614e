package org.openrps.server.amr;

/**
 * Where the close job hands the missed-read list, once per customer and period, when the lead time
 * before a cut-off begins: the server queues it as an e-mail to the customer's {@code missedReads}
 * recipients (and logs it).
 */
@FunctionalInterface
public interface MissedReadsHook {

  /** Called at most once per customer and period; must not throw for a failed delivery. */
  void missedReads(Amr.MissedReads list);
}
