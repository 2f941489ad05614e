package org.openrps.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/** The one place where the command line adjusts logging (levels only; format is logback.xml). */
final class Logging {
  private Logging() {}

  /** Quiet OpenRPS's own INFO lines, for commands whose output is a summary on stdout. */
  static void quiet() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    Logger logger = ctx.getLogger("org.openrps");
    logger.setLevel(Level.WARN);
  }

  /**
   * Only OpenRPS's errors: for the simulated month, whose warnings (a swapped device's flagged
   * meters, a printer off at night) are the events it simulates and counts in its figures.
   */
  static void errorsOnly() {
    LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
    ctx.getLogger("org.openrps").setLevel(Level.ERROR);
  }
}
