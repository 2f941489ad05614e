package org.openrps.agent.sync;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.openrps.testkit.MutableClock;

class RetryPolicyTest {

  private final MutableClock clock = MutableClock.at("2026-12-01T00:00:00Z");

  @Test
  void waitsGrowExponentiallyWithJitterUpToTheCap() {
    RetryPolicy policy = new RetryPolicy(clock, new Random(7));
    List<Duration> waits = new ArrayList<>();
    for (int i = 1; i <= 12; i++) {
      Duration wait = policy.failed();
      Duration ceiling = policy.ceiling(i);
      assertThat(wait).as("wait %d", i).isBetween(ceiling.dividedBy(2), ceiling);
      waits.add(wait);
    }
    assertThat(policy.ceiling(1)).isEqualTo(Duration.ofMinutes(1));
    assertThat(policy.ceiling(2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(policy.ceiling(5)).isEqualTo(Duration.ofMinutes(16));
    assertThat(policy.ceiling(6)).isEqualTo(RetryPolicy.CAP);
    assertThat(policy.ceiling(1_000)).isEqualTo(RetryPolicy.CAP);
    assertThat(waits).allSatisfy(w -> assertThat(w).isLessThanOrEqualTo(Duration.ofMinutes(30)));
    assertThat(waits.get(11)).isGreaterThanOrEqualTo(Duration.ofMinutes(15));
  }

  @Test
  void agentsThatFailTogetherComeBackAtDifferentTimes() {
    Set<Duration> thirdWaits = new HashSet<>();
    for (int agent = 0; agent < 20; agent++) {
      RetryPolicy policy = new RetryPolicy(clock, new Random(agent));
      policy.failed();
      policy.failed();
      thirdWaits.add(policy.failed());
    }
    assertThat(thirdWaits).hasSizeGreaterThan(15);
  }

  @Test
  void aSuccessStartsOverAndTheNextTryIsDueOnTheClock() {
    RetryPolicy policy = new RetryPolicy(clock, new Random(1));
    for (int i = 0; i < 8; i++) {
      policy.failed();
    }
    Duration wait = policy.failed();
    assertThat(policy.due()).isFalse();
    clock.advance(wait.minusMillis(1));
    assertThat(policy.due()).isFalse();
    clock.advance(Duration.ofMillis(1));
    assertThat(policy.due()).isTrue();

    policy.succeeded();
    assertThat(policy.nextTry()).isEmpty();
    assertThat(policy.failed()).isLessThanOrEqualTo(Duration.ofMinutes(1));
  }
}
