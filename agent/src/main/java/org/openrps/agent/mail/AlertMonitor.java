package org.openrps.agent.mail;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import org.openrps.agent.store.AgentStore;
import org.openrps.agent.store.AlertStates;
import org.openrps.mailer.SmtpSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's e-mail alerts: at each {@link #check}, each rule's findings are compared with the
 * events the store remembers (per rule and subject), so an event is mailed once when it starts and
 * once when it is over, never once per poll, and a restart neither mails it again nor forgets it.
 * The event's change and its e-mail are written in one transaction; the e-mails then go out, oldest
 * first. One that cannot be sent is one log line and stays queued, with the ones after it, for the
 * next check: never lost, never marked sent (one that failed five times goes after the others).
 *
 * <p>A rule is known by its text: a rule changed (another threshold, another recipient) is a new
 * rule, whose events start afresh; the events of a rule no longer given are forgotten (their
 * e-mails still go). {@link #setRules} may be called from any thread, while the agent runs.
 */
public final class AlertMonitor {

  /** The most e-mails one check sends; the rest wait for the next. */
  static final int MAILS_PER_CHECK = 100;

  /** How long sent e-mails are remembered. */
  static final Duration KEEP_SENT = Duration.ofDays(90);

  private static final Logger log = LoggerFactory.getLogger(AlertMonitor.class);

  private final AlertStates states;
  private final SmtpSender sender;
  private volatile List<AlertRule> rules;

  /**
   * @param store the agent's store (migrated: it holds the events and the e-mails)
   * @param mapper the wire mapper, to read the stored snapshots
   */
  public AlertMonitor(
      AgentStore store, ObjectMapper mapper, SmtpSender sender, List<AlertRule> rules) {
    this.states = new AlertStates(Objects.requireNonNull(store, "store"), mapper);
    this.sender = Objects.requireNonNull(sender, "sender");
    setRules(rules);
  }

  /** Replaces the rules (a remote configuration, say); the next check uses them. */
  public void setRules(List<AlertRule> rules) {
    Map<String, AlertRule> byText = new LinkedHashMap<>();
    for (AlertRule r : Objects.requireNonNull(rules, "rules")) {
      byText.putIfAbsent(r.text(), r);
    }
    this.rules = List.copyOf(byText.values());
  }

  /** The rules in use, each once, in the order given. */
  public List<AlertRule> rules() {
    return rules;
  }

  /**
   * Looks at what the store holds as of {@code now}: events that start or end get their e-mails
   * queued, then every queued e-mail goes (up to {@value #MAILS_PER_CHECK}). Never throws for an
   * ordinary failure: a store that cannot be read or an SMTP server that is down is a log line, and
   * the next check tries again.
   */
  public synchronized CheckResult check(Instant now) {
    Objects.requireNonNull(now, "now");
    List<AlertRule> current = rules;
    List<CheckResult.Event> started = new ArrayList<>();
    List<CheckResult.Event> cleared = new ArrayList<>();
    try {
      evaluate(current, now, started, cleared);
    } catch (RuntimeException e) {
      log.warn(
          "alerts - cannot check the rules against the store: {}; the next check tries again",
          AgentStore.reason(e));
    }
    List<CheckResult.Mail> mailed = new ArrayList<>();
    List<CheckResult.Failure> failed = new ArrayList<>();
    try {
      send(now, mailed, failed);
      states.pruneSent(now.minus(KEEP_SENT));
    } catch (RuntimeException e) {
      log.warn(
          "alerts - cannot read or mark the queued e-mails: {}; the next check tries again",
          AgentStore.reason(e));
    }
    return new CheckResult(started, cleared, mailed, failed);
  }

  private void evaluate(
      List<AlertRule> current,
      Instant now,
      List<CheckResult.Event> started,
      List<CheckResult.Event> cleared) {
    states.forgetRulesOtherThan(
        current.stream().map(AlertRule::text).collect(java.util.stream.Collectors.toSet()));
    if (current.isEmpty()) {
      return;
    }
    Map<String, Map<String, AlertStates.Active>> active = new TreeMap<>();
    for (AlertStates.Active a : states.active()) {
      active.computeIfAbsent(a.rule(), r -> new LinkedHashMap<>()).put(a.subject(), a);
    }
    Findings.Facts facts = new StoreFacts(states);
    for (AlertRule rule : current) {
      Map<String, AlertStates.Active> going = active.getOrDefault(rule.text(), Map.of());
      for (Finding f : Findings.of(rule, facts, going, now)) {
        AlertStates.Active was = going.get(f.subject());
        if (f.holds() && was == null) {
          AlertStates.Active event =
              new AlertStates.Active(rule.text(), f.subject(), now, f.headline());
          states.started(
              event,
              rule.recipients(),
              AlertMails.startTitle(f),
              AlertMails.startBody(rule, f, now));
          started.add(new CheckResult.Event(rule.text(), f.subject(), f.headline()));
          log.info("alerts - {}: started ({})", f.headline(), rule.text());
        } else if (!f.holds() && was != null) {
          states.cleared(
              was,
              now,
              rule.recipients(),
              AlertMails.clearTitle(f),
              AlertMails.clearBody(rule, f, was.startedAt(), now));
          cleared.add(new CheckResult.Event(rule.text(), f.subject(), f.headline()));
          log.info("alerts - {} ({})", f.headline(), rule.text());
        }
      }
    }
  }

  private void send(Instant now, List<CheckResult.Mail> mailed, List<CheckResult.Failure> failed) {
    for (AlertStates.Mail m : states.unsent(MAILS_PER_CHECK)) {
      CheckResult.Mail mail = new CheckResult.Mail(m.recipients(), m.title());
      try {
        sender.send(new SmtpSender.Message(m.recipients(), m.title(), m.body()), now);
      } catch (SmtpSender.SendFailed e) {
        states.failed(m.id(), e.getMessage());
        failed.add(new CheckResult.Failure(mail, e.getMessage()));
        log.warn(
            "alerts - e-mail '{}' to {} not sent through {}; it and the ones after it are tried"
                + " again at the next check: {}",
            m.title(),
            String.join(",", m.recipients()),
            sender.settings().where(),
            e.getMessage());
        return; // the SMTP server is most likely down: the others would wait for it each time
      }
      states.sent(m.id(), now);
      mailed.add(mail);
    }
  }

  /** The store's facts, each read at most once per check, and only when a rule asks. */
  private static final class StoreFacts implements Findings.Facts {
    private final AlertStates states;
    private List<AlertStates.Device> devices;
    private Optional<java.time.Instant> exchange;
    private Optional<java.time.Instant> oldest;

    StoreFacts(AlertStates states) {
      this.states = states;
    }

    @Override
    public List<AlertStates.Device> devices() {
      if (devices == null) {
        devices = states.devices();
      }
      return devices;
    }

    @Override
    public Optional<Instant> lastGoodExchangeOrFirstTry() {
      if (exchange == null) {
        exchange = states.lastGoodExchangeOrFirstTry();
      }
      return exchange;
    }

    @Override
    public Optional<Instant> oldestWaiting() {
      if (oldest == null) {
        oldest = states.oldestWaiting();
      }
      return oldest;
    }
  }
}
