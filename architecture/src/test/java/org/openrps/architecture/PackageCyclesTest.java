package org.openrps.architecture;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.Test;

/**
 * No cycles between the feature packages of a module: a feature may use another (and http and
 * store), but two features never need each other, so each can be read, tested and moved alone.
 * Classes directly in a module's root package (the composition root) are in no slice.
 */
class PackageCyclesTest {

  @Test
  void serverFeaturePackagesAreFreeOfCycles() {
    slices()
        .matching("org.openrps.server.(*)..")
        .should()
        .beFreeOfCycles()
        .because("server features (ingest, fleet, accounts, …), http and store form a DAG")
        .check(BoundariesTest.MAIN);
  }

  @Test
  void agentPackagesAreFreeOfCycles() {
    slices()
        .matching("org.openrps.agent.(*)..")
        .should()
        .beFreeOfCycles()
        .because("agent packages (poll, store, sync, enrol, target, …) form a DAG")
        .check(BoundariesTest.MAIN);
  }
}
