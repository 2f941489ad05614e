package org.openrps.agent.poll;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AsyncLimiterTest {

  @Test
  void neverHasMoreThanItsBoundInFlightAndRunsEveryTask() {
    AsyncLimiter limiter = new AsyncLimiter(3, Runnable::run);
    List<CompletableFuture<Integer>> requests = new ArrayList<>();
    AtomicInteger started = new AtomicInteger();
    List<CompletableFuture<Integer>> results = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      int n = i;
      results.add(
          limiter.submit(
              () -> {
                started.incrementAndGet();
                CompletableFuture<Integer> f = new CompletableFuture<>();
                requests.add(f);
                return f.thenApply(x -> n);
              }));
    }
    assertThat(started).hasValue(3);
    assertThat(limiter.inFlight()).isEqualTo(3);

    for (int i = 0; i < 10; i++) {
      requests.get(i).complete(0);
      assertThat(limiter.inFlight()).isLessThanOrEqualTo(3);
    }

    assertThat(started).hasValue(10);
    assertThat(limiter.inFlight()).isZero();
    assertThat(results).allSatisfy(f -> assertThat(f).isCompleted());
    assertThat(results.get(7).join()).isEqualTo(7);
  }

  @Test
  void aFailedRequestFreesItsSlotAndFailsOnlyItsOwnResult() {
    AsyncLimiter limiter = new AsyncLimiter(1, Runnable::run);
    CompletableFuture<String> failed =
        limiter.submit(() -> CompletableFuture.failedFuture(new IllegalStateException("boom")));
    CompletableFuture<String> next = limiter.submit(() -> CompletableFuture.completedFuture("ok"));

    assertThat(failed).isCompletedExceptionally();
    assertThat(next.join()).isEqualTo("ok");
    assertThat(limiter.inFlight()).isZero();
  }
}
