package org.openrps.snmp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.openrps.snmp.SnmpCredentials.Community;
import org.openrps.snmp.SnmpException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.CommunityTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.UdpAddress;
import org.snmp4j.smi.VariableBinding;
import org.snmp4j.transport.DefaultUdpTransportMapping;

/**
 * {@link SnmpClient} over SNMP4J: one {@link org.snmp4j.Snmp} session on one UDP socket, every
 * request sent asynchronously, so thousands can be in flight at once.
 *
 * <p>Futures complete on SNMP4J's listen or timer thread: callers must not block in a dependent
 * stage (use the {@code *Async} variants for slow work).
 */
final class Snmp4jClient implements SnmpClient {

  private static final Logger log = LoggerFactory.getLogger(Snmp4jClient.class);

  /** Rows asked for per GETBULK: big enough to be quick, small enough to fit one UDP packet. */
  static final int MAX_REPETITIONS = 24;

  /** A walk that goes on longer than this is a broken device, not a printer MIB. */
  static final int MAX_WALK_SIZE = 200_000;

  /** Socket receive buffer: bursts of responses from thousands of devices. */
  private static final int RECEIVE_BUFFER_BYTES = 4 << 20;

  private final org.snmp4j.Snmp snmp;
  private final AtomicBoolean closed = new AtomicBoolean();

  private Snmp4jClient(org.snmp4j.Snmp snmp) {
    this.snmp = snmp;
  }

  static Snmp4jClient open() throws IOException {
    Snmp4jRuntime.configure();
    DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping();
    transport.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
    MessageDispatcherImpl dispatcher = new MessageDispatcherImpl();
    dispatcher.addMessageProcessingModel(new MPv1());
    dispatcher.addMessageProcessingModel(new MPv2c());
    org.snmp4j.Snmp snmp = new org.snmp4j.Snmp(dispatcher, transport);
    try {
      snmp.listen();
    } catch (IOException e) {
      snmp.close();
      throw e;
    }
    log.debug("SNMP client listening on {}", transport.getListenAddress());
    return new Snmp4jClient(snmp);
  }

  @Override
  public CompletableFuture<List<VarBind>> get(SnmpTarget target, List<Oid> oids) {
    List<Oid> requested = List.copyOf(oids);
    if (requested.isEmpty()) {
      return CompletableFuture.completedFuture(List.of());
    }
    CompletableFuture<List<VarBind>> result = new CompletableFuture<>();
    SnmpValue[] values = new SnmpValue[requested.size()];
    List<Integer> pending = new ArrayList<>(requested.size());
    for (int i = 0; i < requested.size(); i++) {
      pending.add(i);
    }
    getRound(target, requested, values, pending, result);
    return result;
  }

  /** One GET of the variables still pending; a noSuchName answer drops the culprit and repeats. */
  private void getRound(
      SnmpTarget target,
      List<Oid> requested,
      SnmpValue[] values,
      List<Integer> pending,
      CompletableFuture<List<VarBind>> result) {
    PDU pdu = newPdu(target);
    pdu.setType(PDU.GET);
    for (int index : pending) {
      pdu.add(new VariableBinding(Variables.toOid(requested.get(index))));
    }
    send(target, pdu)
        .whenComplete(
            (response, failure) -> {
              if (failure != null) {
                result.completeExceptionally(failure);
                return;
              }
              int status = response.getErrorStatus();
              int errorIndex = response.getErrorIndex();
              if (status == PDU.noSuchName && errorIndex >= 1 && errorIndex <= pending.size()) {
                // SNMPv1 (and some v2c agents): one missing variable fails the whole request.
                values[pending.get(errorIndex - 1)] = SnmpValue.Exception.noSuchObject;
                List<Integer> rest = new ArrayList<>(pending);
                rest.remove(errorIndex - 1);
                if (rest.isEmpty()) {
                  result.complete(bindings(requested, values));
                } else {
                  getRound(target, requested, values, rest, result);
                }
                return;
              }
              if (status != PDU.noError) {
                result.completeExceptionally(errorStatus(target, response, List.of()));
                return;
              }
              if (response.size() != pending.size()) {
                result.completeExceptionally(
                    new SnmpException(
                        Kind.malformed,
                        target.address()
                            + " answered "
                            + response.size()
                            + " variables to a GET of "
                            + pending.size(),
                        List.of()));
                return;
              }
              try {
                for (int i = 0; i < pending.size(); i++) {
                  values[pending.get(i)] = Variables.fromVariable(response.get(i).getVariable());
                }
              } catch (IllegalArgumentException e) {
                result.completeExceptionally(malformed(target, e, List.of()));
                return;
              }
              result.complete(bindings(requested, values));
            });
  }

  private static List<VarBind> bindings(List<Oid> oids, SnmpValue[] values) {
    List<VarBind> out = new ArrayList<>(oids.size());
    for (int i = 0; i < oids.size(); i++) {
      out.add(new VarBind(oids.get(i), values[i]));
    }
    return List.copyOf(out);
  }

  @Override
  public CompletableFuture<List<VarBind>> walk(SnmpTarget target, Oid root) {
    CompletableFuture<List<VarBind>> result = new CompletableFuture<>();
    walkStep(target, root, root, new ArrayList<>(), result);
    return result;
  }

  private void walkStep(
      SnmpTarget target,
      Oid root,
      Oid from,
      List<VarBind> found,
      CompletableFuture<List<VarBind>> result) {
    PDU pdu = newPdu(target);
    if (isV1(target)) {
      pdu.setType(PDU.GETNEXT);
    } else {
      pdu.setType(PDU.GETBULK);
      pdu.setNonRepeaters(0);
      pdu.setMaxRepetitions(MAX_REPETITIONS);
    }
    pdu.add(new VariableBinding(Variables.toOid(from)));
    send(target, pdu)
        .whenComplete(
            (response, failure) -> {
              if (failure != null) {
                result.completeExceptionally(withPartial(failure, found));
                return;
              }
              int status = response.getErrorStatus();
              if (status == PDU.noSuchName && isV1(target)) {
                result.complete(List.copyOf(found)); // SNMPv1's way of saying "end of MIB view"
                return;
              }
              if (status != PDU.noError) {
                result.completeExceptionally(errorStatus(target, response, found));
                return;
              }
              if (response.size() == 0) {
                result.completeExceptionally(
                    new SnmpException(
                        Kind.malformed,
                        target.address() + " answered a walk step with no variables",
                        found));
                return;
              }
              Oid last = from;
              for (VariableBinding binding : response.getVariableBindings()) {
                VarBind vb;
                try {
                  vb = Variables.fromBinding(binding);
                } catch (IllegalArgumentException e) {
                  result.completeExceptionally(malformed(target, e, found));
                  return;
                }
                if (vb.value() == SnmpValue.Exception.endOfMibView) {
                  result.complete(List.copyOf(found));
                  return;
                }
                if (vb.oid().compareTo(last) <= 0) {
                  result.completeExceptionally(
                      new SnmpException(
                          Kind.nonIncreasing,
                          target.address() + " returned " + vb.oid() + " after " + last,
                          found));
                  return;
                }
                if (!vb.oid().startsWith(root)) {
                  result.complete(List.copyOf(found));
                  return;
                }
                found.add(vb);
                last = vb.oid();
              }
              if (found.size() > MAX_WALK_SIZE) {
                result.completeExceptionally(
                    new SnmpException(
                        Kind.malformed,
                        target.address() + " walk of " + root + " exceeds " + MAX_WALK_SIZE,
                        found));
                return;
              }
              walkStep(target, root, last, found, result);
            });
  }

  /** Sends one request; the future fails with an {@link SnmpException} (timeout or transport). */
  private CompletableFuture<PDU> send(SnmpTarget target, PDU pdu) {
    CompletableFuture<PDU> response = new CompletableFuture<>();
    if (closed.get()) {
      response.completeExceptionally(
          new SnmpException(Kind.transport, "SNMP client is closed", List.of()));
      return response;
    }
    InetSocketAddress address = target.address();
    if (address.isUnresolved()) {
      response.completeExceptionally(
          new SnmpException(Kind.transport, "unresolved address " + address, List.of()));
      return response;
    }
    CommunityTarget<UdpAddress> snmpTarget =
        new CommunityTarget<>(
            new UdpAddress(address.getAddress(), address.getPort()),
            new OctetString(community(target).community()));
    snmpTarget.setVersion(isV1(target) ? SnmpConstants.version1 : SnmpConstants.version2c);
    snmpTarget.setTimeout(Math.max(1, target.timeout().toMillis()));
    snmpTarget.setRetries(target.retries());
    ResponseListener listener =
        new ResponseListener() {
          @Override
          public <A extends Address> void onResponse(ResponseEvent<A> event) {
            snmp.cancel(event.getRequest(), this);
            if (event.getError() != null) {
              response.completeExceptionally(
                  new SnmpException(
                      Kind.transport,
                      address + ": " + event.getError().getClass().getSimpleName(),
                      List.of()));
            } else if (event.getResponse() == null) {
              response.completeExceptionally(
                  new SnmpException(
                      Kind.timeout,
                      address
                          + " did not answer within "
                          + target.timeout().toMillis()
                          + " ms and "
                          + target.retries()
                          + " retries",
                      List.of()));
            } else if (event.getResponse().getType() != PDU.RESPONSE) {
              response.completeExceptionally(
                  new SnmpException(
                      Kind.malformed,
                      address + " answered with PDU type " + event.getResponse().getType(),
                      List.of()));
            } else {
              response.complete(event.getResponse());
            }
          }
        };
    try {
      snmp.send(pdu, snmpTarget, null, listener);
    } catch (IOException | RuntimeException e) {
      response.completeExceptionally(
          new SnmpException(Kind.transport, address + ": " + e.getMessage(), List.of()));
    }
    return response;
  }

  private static SnmpException withPartial(Throwable failure, List<VarBind> found) {
    if (failure instanceof SnmpException e) {
      return new SnmpException(e.kind(), e.getMessage(), found);
    }
    return new SnmpException(Kind.transport, String.valueOf(failure), found);
  }

  private static PDU newPdu(SnmpTarget target) {
    return isV1(target) ? new PDUv1() : new PDU();
  }

  private static boolean isV1(SnmpTarget target) {
    return community(target).version() == SnmpCredentials.Version.V1;
  }

  private static Community community(SnmpTarget target) {
    // The only kind there is until SNMPv3 arrives; the switch will grow then.
    return (Community) target.credentials();
  }

  private static SnmpException errorStatus(SnmpTarget target, PDU response, List<VarBind> found) {
    return new SnmpException(
        Kind.errorStatus,
        target.address()
            + " answered errorStatus "
            + response.getErrorStatusText()
            + " ("
            + response.getErrorStatus()
            + ") at index "
            + response.getErrorIndex(),
        found);
  }

  private static SnmpException malformed(
      SnmpTarget target, IllegalArgumentException e, List<VarBind> found) {
    return new SnmpException(
        Kind.malformed, target.address() + " sent an undecodable value: " + e.getMessage(), found);
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      try {
        snmp.close();
      } catch (IOException e) {
        log.warn("SNMP client - closing the socket failed: {}", e.toString());
      }
    }
  }
}
