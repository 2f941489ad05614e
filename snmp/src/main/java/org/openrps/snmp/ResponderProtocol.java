package org.openrps.snmp;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.PDU;
import org.snmp4j.PDUv1;
import org.snmp4j.asn1.BER;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.asn1.BEROutputStream;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.VariableBinding;

/**
 * The agent side of SNMPv1/v2c (RFC 1157, RFC 3416): decodes one request message, answers it from a
 * {@link MibView} and encodes the response; SNMPv3 messages go to {@link UsmProtocol}, which comes
 * back here for the PDU. Uses SNMP4J only for BER and PDUs; no sockets here.
 */
final class ResponderProtocol {

  private static final Logger log = LoggerFactory.getLogger(ResponderProtocol.class);

  /** The largest response we send: what fits in one UDP datagram over IPv4. */
  static final int MAX_MESSAGE_SIZE = 65_507;

  /** A GETBULK answer never carries more variables than this. */
  static final int MAX_BULK_VARIABLES = 2_048;

  private static final Oid FIRST = Oid.of(0, 0);

  private ResponderProtocol() {}

  /**
   * The response to one request, or empty when the request must be dropped silently (not SNMP, an
   * unsupported version or PDU type, a wrong community).
   */
  static Optional<ByteBuffer> respond(
      ByteBuffer request, AgentSecurity security, byte[] engineId, MibView view, UsmProtocol usm) {
    int version;
    byte[] requestCommunity;
    PDU pdu;
    try {
      int start = request.position();
      BERInputStream in = new BERInputStream(request);
      BER.MutableByte type = new BER.MutableByte();
      BER.decodeHeader(in, type);
      if (type.getValue() != BER.SEQUENCE) {
        return Optional.empty();
      }
      version = BER.decodeInteger(in, type);
      if (version == SnmpConstants.version3) {
        if (security.users().isEmpty()) {
          return Optional.empty();
        }
        byte[] message = new byte[request.limit() - start];
        request.position(start);
        request.get(message);
        return usm.respond(message, security, engineId, view);
      }
      if (version != SnmpConstants.version1 && version != SnmpConstants.version2c) {
        return Optional.empty();
      }
      if (security.community().isEmpty()) {
        return Optional.empty();
      }
      requestCommunity = BER.decodeString(in, type);
      byte[] community = security.community().get().getBytes(StandardCharsets.UTF_8);
      if (!MessageDigest.isEqual(requestCommunity, community)) {
        log.debug("dropping a request with a wrong community");
        return Optional.empty();
      }
      pdu = version == SnmpConstants.version1 ? new PDUv1() : new PDU();
      pdu.decodeBER(in);
    } catch (IOException | RuntimeException e) {
      log.debug("dropping an undecodable request: {}", e.toString());
      return Optional.empty();
    }
    boolean v1 = version == SnmpConstants.version1;
    Optional<PDU> answer = answer(pdu, view, v1, MAX_MESSAGE_SIZE);
    if (answer.isEmpty()) {
      return Optional.empty();
    }
    PDU response = answer.get();
    response.setType(PDU.RESPONSE);
    response.setRequestID(pdu.getRequestID());
    ByteBuffer encoded = encode(version, requestCommunity, response);
    if (encoded.remaining() > MAX_MESSAGE_SIZE) {
      encoded = encode(version, requestCommunity, tooBig(pdu, v1));
    }
    return Optional.of(encoded);
  }

  /**
   * The response PDU (type and request id still to set) to a GET, GETNEXT or GETBULK, or empty for
   * other PDU types, which are not ours to answer (SET, traps, responses).
   *
   * @param maxMessageSize the largest message the answer may end up in
   */
  static Optional<PDU> answer(PDU pdu, MibView view, boolean v1, int maxMessageSize) {
    try {
      switch (pdu.getType()) {
        case PDU.GET:
          return Optional.of(v1 ? getV1(pdu, view) : getV2(pdu, view));
        case PDU.GETNEXT:
          return Optional.of(v1 ? getNextV1(pdu, view) : getNextV2(pdu, view));
        case PDU.GETBULK:
          return v1 ? Optional.empty() : Optional.of(getBulk(pdu, view, maxMessageSize));
        default:
          return Optional.empty();
      }
    } catch (RuntimeException e) {
      log.warn("MIB view failed to answer a request: {}", e.toString());
      return Optional.of(error(pdu, PDU.genErr, 1));
    }
  }

  private static PDU getV1(PDU request, MibView view) {
    PDU response = new PDU();
    List<? extends VariableBinding> bindings = request.getVariableBindings();
    for (int i = 0; i < bindings.size(); i++) {
      Optional<SnmpValue> value = toOid(bindings.get(i).getOid()).flatMap(view::get);
      if (value.isEmpty() || !fitsV1(value.get())) {
        return error(request, PDU.noSuchName, i + 1);
      }
      response.add(new VariableBinding(bindings.get(i).getOid(), toVariable(value.get())));
    }
    return response;
  }

  private static PDU getV2(PDU request, MibView view) {
    PDU response = new PDU();
    for (VariableBinding binding : request.getVariableBindings()) {
      Optional<Oid> oid = toOid(binding.getOid());
      SnmpValue value =
          oid.flatMap(view::get)
              .orElseGet(
                  () -> oid.map(o -> missing(o, view)).orElse(SnmpValue.Exception.noSuchObject));
      response.add(new VariableBinding(binding.getOid(), toVariable(value)));
    }
    return response;
  }

  private static PDU getNextV1(PDU request, MibView view) {
    PDU response = new PDU();
    List<? extends VariableBinding> bindings = request.getVariableBindings();
    for (int i = 0; i < bindings.size(); i++) {
      Optional<VarBind> next = nextV1(view, bindings.get(i).getOid());
      if (next.isEmpty()) {
        return error(request, PDU.noSuchName, i + 1);
      }
      response.add(Variables.toBinding(next.get()));
    }
    return response;
  }

  private static PDU getNextV2(PDU request, MibView view) {
    PDU response = new PDU();
    for (VariableBinding binding : request.getVariableBindings()) {
      response.add(nextV2(view, binding.getOid()));
    }
    return response;
  }

  /** RFC 3416 section 4.2.3. */
  private static PDU getBulk(PDU request, MibView view, int maxMessageSize) {
    List<? extends VariableBinding> bindings = request.getVariableBindings();
    int nonRepeaters = Math.min(Math.max(0, request.getNonRepeaters()), bindings.size());
    int maxRepetitions = Math.max(0, request.getMaxRepetitions());
    int budget = maxMessageSize - 64; // room for the message and PDU headers
    PDU response = new PDU();
    for (int i = 0; i < nonRepeaters; i++) {
      VariableBinding next = nextV2(view, bindings.get(i).getOid());
      budget -= next.getBERLength();
      if (budget < 0) {
        return tooBig(request, false);
      }
      response.add(next);
    }
    int repeaters = bindings.size() - nonRepeaters;
    if (repeaters == 0) {
      return response;
    }
    OID[] cursor = new OID[repeaters];
    for (int r = 0; r < repeaters; r++) {
      cursor[r] = bindings.get(nonRepeaters + r).getOid();
    }
    boolean[] ended = new boolean[repeaters];
    for (int round = 0; round < maxRepetitions; round++) {
      boolean allEnded = true;
      for (int r = 0; r < repeaters; r++) {
        if (response.size() >= MAX_BULK_VARIABLES) {
          return response;
        }
        VariableBinding next =
            ended[r] ? new VariableBinding(cursor[r], Null.endOfMibView) : nextV2(view, cursor[r]);
        if (next.getVariable().getSyntax() == SMIConstants.EXCEPTION_END_OF_MIB_VIEW) {
          ended[r] = true;
        } else {
          allEnded = false;
          cursor[r] = next.getOid();
        }
        budget -= next.getBERLength();
        if (budget < 0) {
          return response; // a shorter answer is allowed; the manager asks again from there
        }
        response.add(next);
      }
      if (allEnded) {
        break;
      }
    }
    return response;
  }

  private static VariableBinding nextV2(MibView view, OID oid) {
    return next(view, oid)
        .map(Variables::toBinding)
        .orElseGet(() -> new VariableBinding(oid, Null.endOfMibView));
  }

  /** GETNEXT for v1: Counter64 variables are invisible in SNMPv1 (RFC 2576 section 4.1.2.1). */
  private static Optional<VarBind> nextV1(MibView view, OID oid) {
    Optional<VarBind> next = next(view, oid);
    while (next.isPresent() && !fitsV1(next.get().value())) {
      Oid after = next.get().oid();
      next = view.next(after).filter(vb -> vb.oid().compareTo(after) > 0);
    }
    return next;
  }

  /** The first variable after {@code oid}, also for OIDs our {@link Oid} cannot hold. */
  private static Optional<VarBind> next(MibView view, OID oid) {
    int[] arcs = oid.getValue();
    if (arcs.length >= 2 && arcs.length <= 128) {
      return view.next(Oid.of(arcs));
    }
    if (arcs.length > 128) {
      return view.next(Oid.of(Arrays.copyOf(arcs, 128)));
    }
    // "" or "a": the smallest OID after it that we can hold is "0.0" or "a.0".
    Oid start = arcs.length == 0 ? FIRST : Oid.of(arcs[0], 0);
    Optional<SnmpValue> atStart = view.get(start);
    if (atStart.isPresent()) {
      return Optional.of(new VarBind(start, atStart.get()));
    }
    return view.next(start);
  }

  /**
   * noSuchInstance when the object type exists (its column or scalar has some row), else
   * noSuchObject.
   */
  private static SnmpValue missing(Oid oid, MibView view) {
    if (oid.size() > 2) {
      int[] arcs = oid.arcs();
      Oid parent = Oid.of(Arrays.copyOf(arcs, arcs.length - 1));
      if (view.next(parent).filter(vb -> vb.oid().startsWith(parent)).isPresent()) {
        return SnmpValue.Exception.noSuchInstance;
      }
    }
    return SnmpValue.Exception.noSuchObject;
  }

  private static boolean fitsV1(SnmpValue value) {
    return !(value instanceof SnmpValue.Counter64) && value.isValue();
  }

  private static Optional<Oid> toOid(OID oid) {
    int[] arcs = oid.getValue();
    return arcs.length >= 2 && arcs.length <= 128 ? Optional.of(Oid.of(arcs)) : Optional.empty();
  }

  private static org.snmp4j.smi.Variable toVariable(SnmpValue value) {
    return Variables.toVariable(value);
  }

  /** An error response: the request's variables, unchanged, with the status and index. */
  static PDU error(PDU request, int status, int index) {
    PDU response = new PDU();
    response.addAll(request.getVariableBindings());
    response.setErrorStatus(status);
    response.setErrorIndex(index);
    return response;
  }

  static PDU tooBig(PDU request, boolean v1) {
    PDU response = v1 ? error(request, PDU.tooBig, 0) : new PDU();
    response.setErrorStatus(PDU.tooBig);
    response.setErrorIndex(0);
    response.setType(PDU.RESPONSE);
    response.setRequestID(request.getRequestID());
    return response;
  }

  private static ByteBuffer encode(int version, byte[] community, PDU response) {
    try {
      Integer32 versionField = new Integer32(version);
      OctetString communityField = new OctetString(community);
      int length =
          versionField.getBERLength() + communityField.getBERLength() + response.getBERLength();
      ByteBuffer buffer = ByteBuffer.allocate(1 + BER.getBERLengthOfLength(length) + length);
      BEROutputStream out = new BEROutputStream(buffer);
      BER.encodeHeader(out, BER.SEQUENCE, length);
      versionField.encodeBER(out);
      communityField.encodeBER(out);
      response.encodeBER(out);
      buffer.flip();
      return buffer;
    } catch (IOException e) {
      throw new IllegalStateException("encoding into a sized buffer failed", e);
    }
  }
}
