package org.openrps.agent.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AlertRuleTest {

  @Test
  void eachKindIsReadAndWrittenBackTheOneWayItIsWritten() {
    assertThat(AlertRule.parse("supply-below=10%:ops@site.example").text())
        .isEqualTo("supply-below=10%:ops@site.example");
    assertThat(AlertRule.parse(" Supply-Below = 5 % : a@x.example , b@x.example ").text())
        .isEqualTo("supply-below=5%:a@x.example,b@x.example");
    AlertRule unreachable = AlertRule.parse("device-unreachable=240m:it@site.example");
    assertThat(unreachable.after()).contains(Duration.ofHours(4));
    assertThat(unreachable.text()).isEqualTo("device-unreachable=4h:it@site.example");
    assertThat(AlertRule.parse("new-alert:it@site.example").kind())
        .isEqualTo(AlertRule.Kind.newAlert);
    assertThat(AlertRule.parse("server-unreachable=PT48H:it@site.example").text())
        .isEqualTo("server-unreachable=2d:it@site.example");
    assertThat(AlertRule.parse("backlog-older=3d:it@site.example").after())
        .contains(Duration.ofDays(3));
    assertThat(AlertRule.parse("backlog-older=90s:it@site.example").text())
        .isEqualTo("backlog-older=90s:it@site.example");
    AlertRule two = AlertRule.parse("supply-below=0%:a@x.example,b@x.example");
    assertThat(two.recipients()).containsExactly("a@x.example", "b@x.example");
    assertThat(AlertRule.parse(two.text())).isEqualTo(two);
  }

  @Test
  void aBadRuleIsRefusedWithOneLineNamingTheRuleAndTheReason() {
    List<String[]> bad =
        List.of(
            new String[] {"supply-below=10%", "no recipient"},
            new String[] {"toner=10%:a@x.example", "unknown kind 'toner'"},
            new String[] {"supply-below:a@x.example", "needs a percentage"},
            new String[] {"supply-below=ten:a@x.example", "'ten' is not a percentage"},
            new String[] {"supply-below=120%:a@x.example", "from 0% to 100%"},
            new String[] {"device-unreachable:a@x.example", "needs a duration"},
            new String[] {"device-unreachable=soon:a@x.example", "'soon' is not a duration"},
            new String[] {"device-unreachable=0h:a@x.example", "positive duration"},
            new String[] {"new-alert=1h:a@x.example", "takes no argument"},
            new String[] {"new-alert:", "not an e-mail address: ''"},
            new String[] {"new-alert:Ops <ops@x.example>", "not an e-mail address"},
            new String[] {"new-alert:a@x.example,a@x.example", "named twice"});
    for (String[] b : bad) {
      assertThatThrownBy(() -> AlertRule.parse(b[0]))
          .as(b[0])
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("alert rule '" + b[0].strip() + "': ")
          .hasMessageContaining(b[1])
          .hasMessageNotContaining("\n");
    }
  }
}
