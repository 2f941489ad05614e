package org.openrps.agent.poll;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.openrps.snmp.Oid;
import org.openrps.snmp.SnmpClient;
import org.openrps.snmp.SnmpCredentials;
import org.openrps.snmp.SnmpException;
import org.openrps.snmp.SnmpTarget;
import org.openrps.snmp.VarBind;

/**
 * The poller's client: passes every request on, and keeps, per address, how each credential set's
 * GET failed, so an address that no set opened is reported with what each set got (silence, unknown
 * user, wrong digest, ...) rather than just "unreachable". The first failure per set and address is
 * kept; {@link #take} forgets an address.
 */
final class AttemptLog implements SnmpClient {

  private final SnmpClient client;
  private final List<CredentialSet> sets;
  private final Map<String, List<AttemptFailure>> failures = new ConcurrentHashMap<>();

  AttemptLog(SnmpClient client, List<CredentialSet> sets) {
    this.client = Objects.requireNonNull(client, "client");
    this.sets = List.copyOf(sets);
  }

  @Override
  public CompletableFuture<List<VarBind>> get(SnmpTarget target, List<Oid> oids) {
    return client
        .get(target, oids)
        .whenComplete(
            (vbs, error) -> {
              if (error != null) {
                record(target, error);
              }
            });
  }

  @Override
  public CompletableFuture<List<VarBind>> walk(SnmpTarget target, Oid root) {
    return client.walk(target, root);
  }

  @Override
  public CompletableFuture<List<VarBind>> walk(SnmpTarget target, Oid root, int maxRows) {
    return client.walk(target, root, maxRows);
  }

  /** What the sets got from {@code address}, in the order tried; forgets the address. */
  List<AttemptFailure> take(String address) {
    List<AttemptFailure> got = failures.remove(address);
    if (got == null) {
      return List.of();
    }
    synchronized (got) {
      return List.copyOf(got);
    }
  }

  /** True when some set got more than silence from {@code address} (a refusal, an error). */
  boolean answeredSomething(String address) {
    List<AttemptFailure> got = failures.get(address);
    if (got == null) {
      return false;
    }
    synchronized (got) {
      return got.stream().anyMatch(f -> f.kind() != AttemptFailure.Kind.noAnswer);
    }
  }

  private void record(SnmpTarget target, Throwable error) {
    String address = target.address().getAddress().getHostAddress();
    String name = nameOf(target.credentials());
    AttemptFailure failure = failureOf(name, error);
    List<AttemptFailure> list = failures.computeIfAbsent(address, a -> new ArrayList<>());
    synchronized (list) {
      if (list.stream().noneMatch(f -> f.credentialSet().equals(name))) {
        list.add(failure);
      }
    }
  }

  /** The set's name; a v1 retry of a v2c community is that set with {@code (v1)}. */
  private String nameOf(SnmpCredentials credentials) {
    for (CredentialSet s : sets) {
      if (s.credentials().equals(credentials)) {
        return s.name();
      }
    }
    if (credentials instanceof SnmpCredentials.Community c) {
      for (CredentialSet s : sets) {
        if (s.credentials() instanceof SnmpCredentials.Community d
            && d.community().equals(c.community())) {
          return s.name() + " (v1)";
        }
      }
    }
    return credentials.toString();
  }

  static AttemptFailure failureOf(String set, Throwable error) {
    Throwable e = error;
    while (e instanceof CompletionException && e.getCause() != null) {
      e = e.getCause();
    }
    String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof TimeoutException) {
      // the agent's guard ended a request the client never completed: not the device's silence
      return new AttemptFailure(
          set, AttemptFailure.Kind.error, "no completion within the agent's guard time");
    }
    if (!(e instanceof SnmpException s)) {
      return new AttemptFailure(set, AttemptFailure.Kind.error, detail);
    }
    if (s.kind() == SnmpException.Kind.timeout) {
      return new AttemptFailure(set, AttemptFailure.Kind.noAnswer, detail);
    }
    if (s.kind() != SnmpException.Kind.authentication) {
      return new AttemptFailure(set, AttemptFailure.Kind.error, s.kind() + ": " + detail);
    }
    AttemptFailure.Kind kind =
        switch (s.refusal().orElse(SnmpException.Refusal.other)) {
          case unknownUser -> AttemptFailure.Kind.unknownUser;
          case wrongDigest -> AttemptFailure.Kind.wrongDigest;
          case decryptionError -> AttemptFailure.Kind.decryptionError;
          default -> AttemptFailure.Kind.refused;
        };
    return new AttemptFailure(set, kind, detail);
  }

  @Override
  public void close() {
    // the wrapped client is its owner's to close
  }
}
