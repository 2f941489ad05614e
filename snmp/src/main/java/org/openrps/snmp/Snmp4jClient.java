package org.openrps.snmp;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.openrps.snmp.SnmpCredentials.Community;
import org.openrps.snmp.SnmpCredentials.Usm;
import org.openrps.snmp.SnmpException.Kind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.CommunityTarget;
import org.snmp4j.DirectUserTarget;
import org.snmp4j.MessageDispatcherImpl;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.ScopedPDU;
import org.snmp4j.TransportMapping;
import org.snmp4j.TransportStateReference;
import org.snmp4j.UserTarget;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.event.ResponseEvent;
import org.snmp4j.event.ResponseListener;
import org.snmp4j.mp.CounterSupport;
import org.snmp4j.mp.MPv1;
import org.snmp4j.mp.MPv2c;
import org.snmp4j.mp.MPv3;
import org.snmp4j.mp.MessageProcessingModel;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.SecurityModel;
import org.snmp4j.security.SecurityModels;
import org.snmp4j.security.SecurityProtocols;
import org.snmp4j.security.SecurityProtocols.SecurityProtocolSet;
import org.snmp4j.security.USM;
import org.snmp4j.smi.Address;
import org.snmp4j.smi.OID;
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

  /** Engine ids remembered (one per device address). */
  static final int MAX_ENGINE_IDS = 100_000;

  private final org.snmp4j.Snmp snmp;
  private final MPv3 mpv3;
  private final UsmKeys keys;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * v1/v2c requests in flight by device address and request id: SNMP4J drops a reply it cannot
   * decode (an INTEGER longer than 32 bits, an OID arc over 2^32-1, an unknown tag inside a
   * varbind) and the request would only time out; such a reply whose request id can still be read
   * fails its own request at once instead (SNMPv3 replies, whose PDU may be encrypted, still time
   * out).
   */
  private final ConcurrentMap<InFlight, Runnable> inFlight = new ConcurrentHashMap<>();

  private record InFlight(Address address, int requestId) {}

  private Snmp4jClient(org.snmp4j.Snmp snmp, MPv3 mpv3, UsmKeys keys) {
    this.snmp = snmp;
    this.mpv3 = mpv3;
    this.keys = keys;
  }

  static Snmp4jClient open() throws IOException {
    Snmp4jRuntime.configure();
    DefaultUdpTransportMapping transport = new DefaultUdpTransportMapping();
    transport.setReceiveBufferSize(RECEIVE_BUFFER_BYTES);
    UsmKeys keys = new UsmKeys();
    // SNMPv3: our own protocol set and security model, not SNMP4J's process-wide singletons.
    SecurityProtocols protocols = new SecurityProtocols(SecurityProtocolSet.none);
    for (AuthProtocol auth : AuthProtocol.values()) {
      if (auth != AuthProtocol.NONE) {
        protocols.addAuthenticationProtocol(keys.auth(auth));
      }
    }
    for (PrivProtocol priv : PrivProtocol.values()) {
      if (priv != PrivProtocol.NONE) {
        protocols.addPrivacyProtocol(keys.priv(priv));
      }
    }
    byte[] localEngineId = MPv3.createLocalEngineID();
    USM usm = new USM(protocols, new OctetString(localEngineId), 0);
    MPv3 mpv3 =
        new MPv3(
            localEngineId,
            null,
            protocols,
            SecurityModels.getCollection(new SecurityModel[] {usm}),
            new CounterSupport());
    mpv3.setMaxEngineIdCacheSize(MAX_ENGINE_IDS);
    UndecodableAware dispatcher = new UndecodableAware();
    dispatcher.addMessageProcessingModel(new MPv1());
    dispatcher.addMessageProcessingModel(new MPv2c());
    dispatcher.addMessageProcessingModel(mpv3);
    org.snmp4j.Snmp snmp = new org.snmp4j.Snmp(dispatcher, transport);
    try {
      snmp.listen();
    } catch (IOException e) {
      snmp.close();
      throw e;
    }
    log.debug("SNMP client listening on {}", transport.getListenAddress());
    Snmp4jClient client = new Snmp4jClient(snmp, mpv3, keys);
    dispatcher.undecodable = client::undecodableFrom;
    return client;
  }

  /**
   * A message dispatcher that says which address and request id sent a message it could not decode
   * (SNMP4J throws from {@code dispatchMessage}, counts snmpInvalidMsgs and drops it).
   */
  private static final class UndecodableAware extends MessageDispatcherImpl {
    private final ThreadLocal<ByteBuffer> raw = new ThreadLocal<>();
    volatile BiConsumer<Address, Integer> undecodable = (a, id) -> {};

    @Override
    public <A extends Address> void processMessage(
        TransportMapping<? super A> transport,
        A address,
        ByteBuffer message,
        TransportStateReference state) {
      raw.set(message.duplicate());
      try {
        super.processMessage(transport, address, message, state);
      } finally {
        raw.remove();
      }
    }

    @Override
    protected <A extends Address> void dispatchMessage(
        TransportMapping<? super A> transport,
        MessageProcessingModel model,
        A address,
        BERInputStream message,
        TransportStateReference state)
        throws IOException {
      try {
        super.dispatchMessage(transport, model, address, message, state);
      } catch (IOException | RuntimeException e) {
        ByteBuffer bytes = raw.get();
        OptionalInt id = bytes == null ? OptionalInt.empty() : requestIdOf(bytes);
        if (id.isPresent()) {
          undecodable.accept(address, id.getAsInt());
        }
        throw e;
      }
    }
  }

  /**
   * The request id of a v1/v2c message ({@code SEQUENCE { version, community, PDU { request-id
   * ...}}}), read without decoding the rest, or empty.
   */
  static OptionalInt requestIdOf(ByteBuffer message) {
    ByteBuffer b = message.duplicate();
    try {
      if (tag(b) != 0x30) {
        return OptionalInt.empty();
      }
      length(b);
      if (tag(b) != 0x02) {
        return OptionalInt.empty();
      }
      skip(b, length(b)); // version
      if (tag(b) != 0x04) {
        return OptionalInt.empty();
      }
      skip(b, length(b)); // community
      int pdu = tag(b);
      if ((pdu & 0xE0) != 0xA0) {
        return OptionalInt.empty();
      }
      length(b);
      if (tag(b) != 0x02) {
        return OptionalInt.empty();
      }
      int n = length(b);
      if (n < 1 || n > 4) {
        return OptionalInt.empty();
      }
      int id = b.get(); // sign-extended, as BER integers are
      for (int i = 1; i < n; i++) {
        id = (id << 8) | (b.get() & 0xFF);
      }
      return OptionalInt.of(id);
    } catch (java.nio.BufferUnderflowException | IllegalArgumentException e) {
      return OptionalInt.empty();
    }
  }

  private static int tag(ByteBuffer b) {
    return b.get() & 0xFF;
  }

  private static int length(ByteBuffer b) {
    int first = b.get() & 0xFF;
    if (first < 0x80) {
      return first;
    }
    int n = first & 0x7F;
    if (n < 1 || n > 3) {
      throw new IllegalArgumentException("length of " + n + " octets");
    }
    int length = 0;
    for (int i = 0; i < n; i++) {
      length = (length << 8) | (b.get() & 0xFF);
    }
    return length;
  }

  private static void skip(ByteBuffer b, int n) {
    b.position(b.position() + n);
  }

  private void undecodableFrom(Address address, int requestId) {
    Runnable fail = inFlight.get(new InFlight(address, requestId));
    if (fail != null) {
      fail.run();
    }
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
                result.completeExceptionally(withPartial(failure, List.of()));
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
              // Matched by OID, never by position (RFC 3416 asks for the request's order, not
              // every device keeps it): extras are ignored, the first of duplicates wins, a
              // variable missing from the reply is noSuchObject, a value we cannot hold is Bad.
              Map<Oid, SnmpValue> answered = byOid(response, requested, pending);
              for (int index : pending) {
                values[index] =
                    answered.getOrDefault(requested.get(index), SnmpValue.Exception.noSuchObject);
              }
              result.complete(bindings(requested, values));
            });
  }

  /** The reply's values of the pending OIDs, by OID. */
  private static Map<Oid, SnmpValue> byOid(
      PDU response, List<Oid> requested, List<Integer> pending) {
    Set<Oid> wanted = new HashSet<>();
    for (int index : pending) {
      wanted.add(requested.get(index));
    }
    Map<Oid, SnmpValue> answered = new HashMap<>();
    for (VariableBinding binding : response.getVariableBindings()) {
      Oid oid;
      try {
        oid = Variables.fromOid(binding.getOid());
      } catch (IllegalArgumentException e) {
        continue; // an OID we cannot hold is none we asked for
      }
      if (!wanted.contains(oid) || answered.containsKey(oid)) {
        continue;
      }
      SnmpValue value;
      try {
        value = Variables.fromVariable(binding.getVariable());
      } catch (IllegalArgumentException e) {
        value = new SnmpValue.Bad(e.getMessage());
      }
      answered.put(oid, value);
    }
    return answered;
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
    return walk(target, root, MAX_WALK_SIZE);
  }

  @Override
  public CompletableFuture<List<VarBind>> walk(SnmpTarget target, Oid root, int maxRows) {
    if (maxRows < 1) {
      throw new IllegalArgumentException("maxRows must be at least 1, not " + maxRows);
    }
    CompletableFuture<List<VarBind>> result = new CompletableFuture<>();
    walkStep(target, root, root, new ArrayList<>(), Math.min(maxRows, MAX_WALK_SIZE), result);
    return result;
  }

  private void walkStep(
      SnmpTarget target,
      Oid root,
      Oid from,
      List<VarBind> found,
      int maxRows,
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
                finish(root, found, maxRows, result); // SNMPv1's way of saying "end of MIB view"
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
                  finish(root, found, maxRows, result);
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
                  finish(root, found, maxRows, result);
                  return;
                }
                found.add(vb);
                last = vb.oid();
              }
              if (found.size() > maxRows) {
                finish(root, found, maxRows, result);
                return;
              }
              walkStep(target, root, last, found, maxRows, result);
            });
  }

  /**
   * The walk's end: its rows, or, over {@code maxRows} (also when the table ended inside the last
   * response), the first {@code maxRows} of them as a {@code truncated} failure.
   */
  private static void finish(
      Oid root, List<VarBind> found, int maxRows, CompletableFuture<List<VarBind>> result) {
    if (found.size() > maxRows) {
      result.completeExceptionally(
          new SnmpException(
              Kind.truncated,
              root + " over " + maxRows + " rows",
              List.copyOf(found.subList(0, maxRows))));
    } else {
      result.complete(List.copyOf(found));
    }
  }

  /**
   * Sends one request; the future fails with an {@link SnmpException} (timeout, transport, or for
   * SNMPv3 authentication).
   */
  private CompletableFuture<PDU> send(SnmpTarget target, PDU pdu) {
    if (closed.get()) {
      return failed(new SnmpException(Kind.transport, "SNMP client is closed", List.of()));
    }
    InetSocketAddress address = target.address();
    if (address.isUnresolved()) {
      return failed(new SnmpException(Kind.transport, "unresolved address " + address, List.of()));
    }
    UdpAddress udp = new UdpAddress(address.getAddress(), address.getPort());
    if (target.credentials() instanceof Usm usm) {
      return sendUsm(target, usm, udp, pdu, true);
    }
    Community community = (Community) target.credentials();
    CommunityTarget<UdpAddress> snmpTarget =
        new CommunityTarget<>(udp, new OctetString(community.community()));
    snmpTarget.setVersion(isV1(target) ? SnmpConstants.version1 : SnmpConstants.version2c);
    return exchange(target, snmpTarget, pdu)
        .thenCompose(response -> responseOnly(target, response));
  }

  /**
   * SNMPv3: discovers the engine id first if it is not known (RFC 3414 section 4), then sends with
   * keys localised to it. SNMP4J keeps the engine ids and times and resends once on a
   * notInTimeWindow report. A device whose engine id changed (swapped) is rediscovered once.
   */
  private CompletableFuture<PDU> sendUsm(
      SnmpTarget target, Usm usm, UdpAddress udp, PDU pdu, boolean mayRediscover) {
    OctetString known = mpv3.getEngineID(udp);
    CompletableFuture<byte[]> engineId =
        known != null && known.length() > 0
            ? CompletableFuture.completedFuture(known.getValue())
            : discover(target, udp);
    return engineId.thenCompose(
        id ->
            exchange(target, userTarget(target, usm, udp, id), pdu)
                .thenCompose(
                    response -> {
                      if (response.getType() != PDU.REPORT) {
                        return responseOnly(target, response);
                      }
                      OctetString now = mpv3.getEngineID(udp);
                      if (mayRediscover
                          && (now == null || !java.util.Arrays.equals(now.getValue(), id))) {
                        mpv3.removeEngineID(udp);
                        return sendUsm(target, usm, udp, pdu, false);
                      }
                      return failed(authenticationFailure(target, usm, response));
                    }));
  }

  /** Asks for the engine id with an empty noAuthNoPriv request; the report carries it. */
  private CompletableFuture<byte[]> discover(SnmpTarget target, UdpAddress udp) {
    UserTarget<UdpAddress> probe = new UserTarget<>();
    probe.setAddress(udp);
    probe.setSecurityLevel(org.snmp4j.security.SecurityLevel.NOAUTH_NOPRIV);
    probe.setSecurityName(new OctetString());
    probe.setVersion(SnmpConstants.version3);
    ScopedPDU empty = new ScopedPDU();
    empty.setType(PDU.GET);
    return exchange(target, probe, empty)
        .thenCompose(
            response -> {
              OctetString id = mpv3.getEngineID(udp);
              if (id == null || id.length() == 0) {
                return failed(
                    new SnmpException(
                        Kind.malformed,
                        target.address() + " answered SNMPv3 engine discovery without an engine id",
                        List.of()));
              }
              return CompletableFuture.completedFuture(id.getValue());
            });
  }

  private DirectUserTarget<UdpAddress> userTarget(
      SnmpTarget target, Usm usm, UdpAddress udp, byte[] engineId) {
    UsmUser user = usm.user();
    boolean auth = user.auth() != AuthProtocol.NONE;
    boolean priv = user.priv() != PrivProtocol.NONE;
    DirectUserTarget<UdpAddress> snmpTarget =
        new DirectUserTarget<>(
            udp,
            new OctetString(user.name()),
            engineId,
            auth ? keys.auth(user.auth()) : null,
            auth ? new OctetString(keys.authKey(user, engineId)) : null,
            priv ? keys.priv(user.priv()) : null,
            priv ? new OctetString(keys.privKey(user, engineId)) : null);
    snmpTarget.setSecurityLevel(
        switch (user.level()) {
          case NO_AUTH_NO_PRIV -> org.snmp4j.security.SecurityLevel.NOAUTH_NOPRIV;
          case AUTH_NO_PRIV -> org.snmp4j.security.SecurityLevel.AUTH_NOPRIV;
          case AUTH_PRIV -> org.snmp4j.security.SecurityLevel.AUTH_PRIV;
        });
    snmpTarget.setVersion(SnmpConstants.version3);
    return snmpTarget;
  }

  private static SnmpException authenticationFailure(SnmpTarget target, Usm usm, PDU report) {
    String reason = report.size() == 0 ? "an empty report" : reportName(report.get(0).getOid());
    return new SnmpException(
        target.address() + " refused SNMPv3 user " + usm.user().name() + ": " + reason,
        report.size() == 0 ? SnmpException.Refusal.other : refusal(report.get(0).getOid()));
  }

  private static SnmpException.Refusal refusal(OID oid) {
    if (oid.equals(SnmpConstants.usmStatsUnknownUserNames)) {
      return SnmpException.Refusal.unknownUser;
    }
    if (oid.equals(SnmpConstants.usmStatsWrongDigests)) {
      return SnmpException.Refusal.wrongDigest;
    }
    if (oid.equals(SnmpConstants.usmStatsDecryptionErrors)) {
      return SnmpException.Refusal.decryptionError;
    }
    if (oid.equals(SnmpConstants.usmStatsUnsupportedSecLevels)) {
      return SnmpException.Refusal.unsupportedSecurityLevel;
    }
    if (oid.equals(SnmpConstants.snmpUnknownContexts)) {
      return SnmpException.Refusal.unknownContext;
    }
    if (oid.equals(SnmpConstants.usmStatsNotInTimeWindows)) {
      return SnmpException.Refusal.notInTimeWindow;
    }
    if (oid.equals(SnmpConstants.usmStatsUnknownEngineIDs)) {
      return SnmpException.Refusal.unknownEngineId;
    }
    return SnmpException.Refusal.other;
  }

  private static String reportName(OID oid) {
    if (oid.equals(SnmpConstants.usmStatsUnknownUserNames)) {
      return "unknown user name (usmStatsUnknownUserNames)";
    }
    if (oid.equals(SnmpConstants.usmStatsWrongDigests)) {
      return "wrong digest, the authentication passphrase or protocol is wrong"
          + " (usmStatsWrongDigests)";
    }
    if (oid.equals(SnmpConstants.usmStatsDecryptionErrors)) {
      return "decryption error, the privacy passphrase or protocol is wrong"
          + " (usmStatsDecryptionErrors)";
    }
    if (oid.equals(SnmpConstants.usmStatsUnsupportedSecLevels)) {
      return "security level not supported for this user (usmStatsUnsupportedSecLevels)";
    }
    if (oid.equals(SnmpConstants.snmpUnknownContexts)) {
      return "unknown context (snmpUnknownContexts)";
    }
    if (oid.equals(SnmpConstants.usmStatsNotInTimeWindows)) {
      return "not in time window (usmStatsNotInTimeWindows)";
    }
    if (oid.equals(SnmpConstants.usmStatsUnknownEngineIDs)) {
      return "unknown engine id (usmStatsUnknownEngineIDs)";
    }
    return "report " + oid;
  }

  private static CompletableFuture<PDU> responseOnly(SnmpTarget target, PDU response) {
    if (response.getType() != PDU.RESPONSE) {
      return failed(
          new SnmpException(
              Kind.malformed,
              target.address() + " answered with PDU type " + response.getType(),
              List.of()));
    }
    return CompletableFuture.completedFuture(response);
  }

  /** One request and whatever PDU comes back (a response or a report). */
  private CompletableFuture<PDU> exchange(
      SnmpTarget target, org.snmp4j.Target<UdpAddress> snmpTarget, PDU pdu) {
    CompletableFuture<PDU> response = new CompletableFuture<>();
    InetSocketAddress address = target.address();
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
            } else if (!snmpTarget.getAddress().equals(event.getPeerAddress())) {
              // SNMP4J already ignores these (Snmp4jRuntime); never deliver another's data
              response.completeExceptionally(
                  new SnmpException(
                      Kind.malformed,
                      address + ": reply from another address " + event.getPeerAddress(),
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
      return response;
    }
    // SNMP4J has set the request id (its retries keep it). A reply that comes before this line
    // and cannot be decoded is left to the timeout.
    if (!(pdu instanceof ScopedPDU) && pdu.getRequestID() != null && !response.isDone()) {
      InFlight key = new InFlight(snmpTarget.getAddress(), pdu.getRequestID().getValue());
      inFlight.put(
          key,
          () -> {
            if (response.completeExceptionally(
                new SnmpException(
                    Kind.malformed,
                    address + " sent a reply that cannot be decoded (BER)",
                    List.of()))) {
              snmp.cancel(pdu, listener);
            }
          });
      response.whenComplete((r, e) -> inFlight.remove(key));
    }
    return response;
  }

  private static <T> CompletableFuture<T> failed(SnmpException e) {
    return CompletableFuture.failedFuture(e);
  }

  private static SnmpException withPartial(Throwable failure, List<VarBind> found) {
    if (failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null) {
      failure = c.getCause();
    }
    if (failure instanceof SnmpException e) {
      return e.withPartial(found);
    }
    return new SnmpException(Kind.transport, String.valueOf(failure), found);
  }

  private static PDU newPdu(SnmpTarget target) {
    if (target.credentials() instanceof Usm usm) {
      ScopedPDU pdu = new ScopedPDU();
      pdu.setContextName(new OctetString(usm.contextName()));
      return pdu;
    }
    return isV1(target) ? new PDUv1() : new PDU();
  }

  private static boolean isV1(SnmpTarget target) {
    return target.credentials() instanceof Community c && c.version() == SnmpCredentials.Version.V1;
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
