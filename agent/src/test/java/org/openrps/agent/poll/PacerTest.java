package org.openrps.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class PacerTest {

  @Test
  void aBudgetSpacesStartsEvenlyAndNeverBanksUnusedTime() {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    Pacer pacer = new Pacer(100, now::get); // one start per 10 ms

    assertThat(pacer.claim()).isZero();
    assertThat(pacer.claim()).isEqualTo(10_000_000L);
    assertThat(pacer.claim()).isEqualTo(20_000_000L);
    now.addAndGet(1_000_000_000L); // a quiet second later: no burst of saved-up starts
    assertThat(pacer.claim()).isZero();
    assertThat(pacer.claim()).isEqualTo(10_000_000L);
  }

  @Test
  void noBudgetNeverWaits() {
    Pacer pacer = new Pacer(0, () -> 0L);
    assertThat(pacer.limits()).isFalse();
    for (int i = 0; i < 1000; i++) {
      assertThat(pacer.claim()).isZero();
    }
  }
}
