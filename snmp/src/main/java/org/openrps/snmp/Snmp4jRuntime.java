package org.openrps.snmp;

import java.util.Date;
import java.util.Timer;
import java.util.TimerTask;
import org.snmp4j.SNMP4JSettings;
import org.snmp4j.util.CommonTimer;

/**
 * The one place where SNMP4J's process-wide settings ({@link SNMP4JSettings}) are made. Every class
 * of this module that builds SNMP4J objects calls {@link #configure()} first; the settings are
 * applied once, when this class is initialised.
 */
final class Snmp4jRuntime {

  static {
    // Statistics counters cost a lock per message and nobody reads them.
    SNMP4JSettings.setSnmp4jStatistics(SNMP4JSettings.Snmp4jStatistics.none);
    // A runtime exception in a listener must not be rethrown into SNMP4J's listen thread.
    SNMP4JSettings.setForwardRuntimeExceptions(false);
    SNMP4JSettings.setExtensibilityEnabled(false);
    // Never allow Counter64 & co. inside an SNMPv1 message (RFC 2576).
    SNMP4JSettings.setAllowSNMPv2InV1(false);
    // SNMPv3: accept the unauthenticated Reports (usmStatsWrongDigests, DecryptionErrors,
    // UnsupportedSecLevels) an agent sends to an authenticated request it cannot verify, as
    // RFC 3414 says it must, so a wrong passphrase fails at once instead of after every timeout.
    // A forged report can only make a request fail, which dropping its packets can do anyway.
    SNMP4JSettings.setReportSecurityLevelStrategy(
        SNMP4JSettings.ReportSecurityLevelStrategy.noAuthNoPrivIfNeeded);
    // One socket serves every device, and SNMP4J matches a response to its request by request id
    // only: a reply with a colliding (or forged) id from another device would complete this
    // request with that device's numbers. Only a reply from the target's own address counts;
    // another is ignored and the request keeps waiting for its own (or times out).
    SNMP4JSettings.setVerifyResponsePeerAddress(true);
    // Timeout/retry timers: one per client, on a named daemon thread.
    SNMP4JSettings.setTimerFactory(() -> new NamedTimer("openrps-snmp-timer"));
  }

  private Snmp4jRuntime() {}

  /** Makes sure the settings are in place (idempotent, thread-safe by class initialisation). */
  static void configure() {
    // The work is done by the static initialiser.
  }

  /** SNMP4J's timer abstraction over a {@link Timer} with a useful thread name. */
  private static final class NamedTimer implements CommonTimer {
    private final Timer timer;

    NamedTimer(String name) {
      this.timer = new Timer(name, true);
    }

    @Override
    public void schedule(TimerTask task, long delay) {
      timer.schedule(task, delay);
    }

    @Override
    public void schedule(TimerTask task, Date firstTime, long period) {
      timer.schedule(task, firstTime, period);
    }

    @Override
    public void schedule(TimerTask task, long delay, long period) {
      timer.schedule(task, delay, period);
    }

    @Override
    public void cancel() {
      timer.cancel();
    }
  }
}
