package org.openrps.agent.mail;

import java.util.List;
import java.util.Objects;

/**
 * What one rule finds about one subject at one check: whether its condition holds, in one line, and
 * the facts behind it ({@code Label: value} lines for the e-mail).
 *
 * @param subject what it is about, the key of its event
 * @param holds the condition holds (an event goes on); false: it is known not to hold
 * @param headline the finding in one line, e.g. {@code HP LaserJet P2055dn CN1: Black Cartridge at
 *     8 %}
 * @param facts the device, the supply, the figure and when it was read
 */
record Finding(String subject, boolean holds, String headline, List<String> facts) {
  Finding {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(headline, "headline");
    facts = List.copyOf(facts);
  }
}
