package org.openrps.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openrps.server.ApiClient.basic;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openrps.testkit.WireSamples;

/**
 * Two server nodes on one PostgreSQL schema take uploads at once, every report sent to both: each
 * is stored exactly once, none is lost, and shared state (limits, leases) lives in the database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoNodesTest {

  private static final int AGENTS = 6;
  private static final int REPORTS_PER_AGENT = 8;
  private static final int DEVICES = 25;

  private String url;
  private ServerApp node1;
  private ServerApp node2;

  @BeforeAll
  void start() throws IOException {
    url = Fixtures.freshPgSchema("twonodes");
    ServerConfig.Policy policy = ServerConfig.Policy.DEFAULTS.withUploadsPerMinute(10_000);
    node1 =
        ServerApp.start(
            new ServerConfig(
                org.openrps.testkit.Scratch.directory("openrps-node1"),
                0,
                Optional.of(url),
                Set.of(),
                policy),
            Clock.systemUTC());
    node2 =
        ServerApp.start(
            new ServerConfig(
                org.openrps.testkit.Scratch.directory("openrps-node2"),
                0,
                Optional.of(url),
                Set.of(),
                policy),
            Clock.systemUTC());
    for (int a = 0; a < AGENTS; a++) {
      node1.putAgent("agent-" + a, ("secret-" + a).toCharArray());
    }
  }

  @AfterAll
  void stop() {
    try {
      node1.close();
      node2.close();
    } finally {
      Fixtures.dropPgSchema(url);
    }
  }

  @Test
  void everyReportSentToBothNodesAtOnceIsStoredExactlyOnce() throws Exception {
    ApiClient api1 = new ApiClient(node1);
    ApiClient api2 = new ApiClient(node2);
    Instant t = Instant.parse("2026-11-28T08:00:00Z");
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(AGENTS * 2);
    List<Future<List<Integer>>> results = new ArrayList<>();
    try {
      for (int a = 0; a < AGENTS; a++) {
        String agent = "agent-" + a;
        String auth = basic(agent, "secret-" + a);
        for (ApiClient api : List.of(api1, api2)) {
          results.add(
              pool.submit(
                  () -> {
                    go.await();
                    List<Integer> statuses = new ArrayList<>();
                    for (int r = 0; r < REPORTS_PER_AGENT; r++) {
                      HttpResponse<String> response =
                          api.upload(
                              WireSamples.report(
                                  agent + "-r" + r, agent, t.plusSeconds(r), DEVICES),
                              auth);
                      statuses.add(response.statusCode());
                    }
                    return statuses;
                  }));
        }
      }
      go.countDown();
      List<Integer> all = new ArrayList<>();
      for (Future<List<Integer>> f : results) {
        all.addAll(f.get(300, TimeUnit.SECONDS));
      }
      assertThat(all).containsOnly(200, 201);
      assertThat(all.stream().filter(s -> s == 201)).hasSize(AGENTS * REPORTS_PER_AGENT);
    } finally {
      pool.shutdownNow();
      pool.awaitTermination(10, TimeUnit.SECONDS);
    }
    assertThat(Fixtures.count(url, "reports")).isEqualTo(AGENTS * REPORTS_PER_AGENT);
    assertThat(Fixtures.count(url, "device_snapshots"))
        .isEqualTo((long) AGENTS * REPORTS_PER_AGENT * DEVICES);
    assertThat(Fixtures.count(url, "devices")).isEqualTo(DEVICES);
  }

  @Test
  void theRetentionJobRunsOnOneNodeAtATime() {
    RetentionJobRuns first =
        new RetentionJobRuns(node1.runRetention().ran(), node2.runRetention().ran());
    assertThat(first.one() ^ first.two()).isTrue();
  }

  private record RetentionJobRuns(boolean one, boolean two) {}
}
