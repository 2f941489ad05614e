package org.openrps.snmp;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLongArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.snmp4j.PDU;
import org.snmp4j.ScopedPDU;
import org.snmp4j.asn1.BER;
import org.snmp4j.asn1.BERInputStream;
import org.snmp4j.asn1.BEROutputStream;
import org.snmp4j.mp.SnmpConstants;
import org.snmp4j.security.AuthenticationProtocol;
import org.snmp4j.security.ByteArrayWindow;
import org.snmp4j.security.DecryptParams;
import org.snmp4j.security.PrivacyProtocol;
import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.VariableBinding;

/**
 * The agent side of SNMPv3 with the User-based Security Model (RFC 3412 message format, RFC 3414
 * USM): engine discovery, the time window, user, digest and decryption checks, each failure
 * answered with the Report real agents send; then the scoped PDU is answered by {@link
 * ResponderProtocol} and the response is encrypted and signed. SNMP4J does the HMACs and ciphers;
 * no sockets here.
 *
 * <p>One instance per responder: it owns the counters of the reports, the passphrase-key cache and
 * the engine clock. Keys are localised per message (one hash each), so a binding costs its engine
 * id and nothing per user.
 */
final class UsmProtocol {

  private static final Logger log = LoggerFactory.getLogger(UsmProtocol.class);

  /** RFC 3414 section 3.2 step 7: a message older or newer than this is not in the window. */
  static final int TIME_WINDOW_SECONDS = 150;

  /** The smallest msgMaxSize RFC 3412 allows. */
  private static final int MIN_MAX_SIZE = 484;

  /** Header bytes a v3 response adds around the PDU at most (security parameters, padding). */
  private static final int V3_OVERHEAD = 256;

  private static final int FLAG_AUTH = 0x01;
  private static final int FLAG_PRIV = 0x02;
  private static final int FLAG_REPORTABLE = 0x04;
  private static final int USM = 3;

  /** The counters we report, in the order of {@link #counters}. */
  private enum Stat {
    unknownEngineIds(SnmpConstants.usmStatsUnknownEngineIDs),
    unknownUserNames(SnmpConstants.usmStatsUnknownUserNames),
    unsupportedSecLevels(SnmpConstants.usmStatsUnsupportedSecLevels),
    wrongDigests(SnmpConstants.usmStatsWrongDigests),
    notInTimeWindows(SnmpConstants.usmStatsNotInTimeWindows),
    decryptionErrors(SnmpConstants.usmStatsDecryptionErrors),
    unknownContexts(SnmpConstants.snmpUnknownContexts);

    private final OID oid;

    Stat(OID oid) {
      this.oid = oid;
    }
  }

  private final UsmKeys keys;
  private final Clock clock;
  private final Instant started;
  private final AtomicLongArray counters = new AtomicLongArray(Stat.values().length);

  /**
   * @param clock the engine's clock: snmpEngineTime counts seconds from now on. Use real time (a
   *     manager checks the time window against its own elapsed time), not a sped-up simulation.
   */
  UsmProtocol(UsmKeys keys, Clock clock) {
    this.keys = keys;
    this.clock = clock;
    this.started = clock.instant();
  }

  /** snmpEngineTime: whole seconds since this engine started, 0 to 2^31-1. */
  int engineTime() {
    long seconds = Duration.between(started, clock.instant()).toSeconds();
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, seconds));
  }

  /**
   * An engine id unique per bound address (RFC 3411 SnmpEngineID, format 5, "octets"): the
   * enterprise 32473 (IANA's number for examples and documentation, RFC 5612), then the IPv4
   * address and the port.
   */
  static byte[] engineIdFor(InetSocketAddress address) {
    byte[] ip = address.getAddress().getAddress();
    ByteBuffer id = ByteBuffer.allocate(5 + ip.length + 2);
    id.putInt(0x80000000 | 32473).put((byte) 5).put(ip).putShort((short) address.getPort());
    return id.array();
  }

  /** What one v3 request said, as far as it could be read. */
  private static final class Request {
    int msgId;
    int maxSize;
    int flags;
    byte[] engineId;
    int boots;
    int time;
    byte[] userName;
    int authOffset;
    int authLength;
    byte[] privParams;
    int dataOffset;
    Optional<UsmUser> user = Optional.empty();
    byte[] authKey;
    byte[] privKey;
    int requestId;
    byte[] contextName = new byte[0];

    boolean reportable() {
      return (flags & FLAG_REPORTABLE) != 0;
    }

    SecurityLevel level() {
      if ((flags & FLAG_AUTH) == 0) {
        return SecurityLevel.NO_AUTH_NO_PRIV;
      }
      return (flags & FLAG_PRIV) == 0 ? SecurityLevel.AUTH_NO_PRIV : SecurityLevel.AUTH_PRIV;
    }
  }

  /**
   * The answer to one SNMPv3 message (a response or a report), or empty when it is dropped
   * (undecodable, not USM, or a failure in a message that asked for no report).
   */
  Optional<ByteBuffer> respond(
      byte[] message, AgentSecurity security, byte[] engineId, MibView view) {
    Request request = new Request();
    BERInputStream in = new BERInputStream(ByteBuffer.wrap(message));
    try {
      if (!decodeHeaderAndSecurity(in, request)) {
        return Optional.empty();
      }
    } catch (IOException | RuntimeException e) {
      log.debug("dropping an undecodable SNMPv3 request: {}", e.toString());
      return Optional.empty();
    }
    int boots = security.engineBoots();
    int now = engineTime();
    // RFC 3414 3.2 step 3: the authoritative engine is us
    if (!Arrays.equals(request.engineId, engineId)) {
      return report(request, Stat.unknownEngineIds, SecurityLevel.NO_AUTH_NO_PRIV, engineId, boots);
    }
    // step 4: the user
    request.user = security.user(new String(request.userName, StandardCharsets.UTF_8));
    if (request.user.isEmpty()) {
      return report(request, Stat.unknownUserNames, SecurityLevel.NO_AUTH_NO_PRIV, engineId, boots);
    }
    UsmUser user = request.user.get();
    // step 5: a level the user cannot speak
    if (request.level().compareTo(user.level()) > 0) {
      return report(
          request, Stat.unsupportedSecLevels, SecurityLevel.NO_AUTH_NO_PRIV, engineId, boots);
    }
    // step 6: the digest
    if (request.level() != SecurityLevel.NO_AUTH_NO_PRIV) {
      AuthenticationProtocol auth = keys.auth(user.auth());
      request.authKey = keys.authKey(user, engineId);
      if (request.authLength != auth.getAuthenticationCodeLength()
          || !authentic(auth, request.authKey, message, request)) {
        return report(request, Stat.wrongDigests, SecurityLevel.NO_AUTH_NO_PRIV, engineId, boots);
      }
      // step 7: the time window (after the digest, so a forged time cannot cause a report)
      if (request.boots != boots
          || boots == Integer.MAX_VALUE
          || Math.abs((long) request.time - now) > TIME_WINDOW_SECONDS) {
        return report(request, Stat.notInTimeWindows, SecurityLevel.AUTH_NO_PRIV, engineId, boots);
      }
    }
    // step 8: decrypt
    ScopedPDU scoped = new ScopedPDU();
    try {
      BERInputStream data = new BERInputStream(ByteBuffer.wrap(message));
      data.skip(request.dataOffset);
      if (request.level() == SecurityLevel.AUTH_PRIV) {
        request.privKey = keys.privKey(user, engineId);
        Optional<byte[]> plain = decrypt(user, request, data);
        if (plain.isEmpty()) {
          return report(
              request, Stat.decryptionErrors, SecurityLevel.NO_AUTH_NO_PRIV, engineId, boots);
        }
        data = new BERInputStream(ByteBuffer.wrap(plain.get()));
        try {
          scoped.decodeBER(data);
        } catch (IOException | RuntimeException e) {
          // a wrong privacy key decrypts to noise
          return report(
              request, Stat.decryptionErrors, SecurityLevel.NO_AUTH_NO_PRIV, engineId, boots);
        }
      } else {
        scoped.decodeBER(data);
      }
    } catch (IOException | RuntimeException e) {
      log.debug("dropping an SNMPv3 request with an undecodable scoped PDU: {}", e.toString());
      return Optional.empty();
    }
    request.requestId = scoped.getRequestID().getValue();
    request.contextName = scoped.getContextName().getValue();
    byte[] contextEngineId = scoped.getContextEngineID().getValue();
    boolean ourContext =
        (contextEngineId.length == 0 || Arrays.equals(contextEngineId, engineId))
            && Arrays.equals(
                request.contextName, security.contextName().getBytes(StandardCharsets.UTF_8));
    if (!ourContext) {
      return report(request, Stat.unknownContexts, request.level(), engineId, boots);
    }
    int limit = Math.min(request.maxSize, ResponderProtocol.MAX_MESSAGE_SIZE);
    PDU response;
    if (request.level().compareTo(user.level()) < 0) {
      // USM accepted it, but a real agent's access control (VACM) wants the user's own level
      response = ResponderProtocol.error(scoped, PDU.authorizationError, 0);
    } else {
      Optional<PDU> answer = ResponderProtocol.answer(scoped, view, false, limit - V3_OVERHEAD);
      if (answer.isEmpty()) {
        return Optional.empty();
      }
      response = answer.get();
    }
    response.setType(PDU.RESPONSE);
    response.setRequestID(scoped.getRequestID());
    byte[] encoded = encode(request, request.level(), response, engineId, boots, now);
    if (encoded.length > limit) {
      PDU tooBig = ResponderProtocol.tooBig(scoped, false);
      encoded = encode(request, request.level(), tooBig, engineId, boots, now);
    }
    return Optional.of(ByteBuffer.wrap(encoded));
  }

  private static boolean decodeHeaderAndSecurity(BERInputStream in, Request request)
      throws IOException {
    BER.MutableByte type = new BER.MutableByte();
    BER.decodeHeader(in, type);
    if (type.getValue() != BER.SEQUENCE) {
      return false;
    }
    if (BER.decodeInteger(in, type) != SnmpConstants.version3) {
      return false;
    }
    BER.decodeHeader(in, type);
    if (type.getValue() != BER.SEQUENCE) {
      return false;
    }
    request.msgId = BER.decodeInteger(in, type);
    request.maxSize = BER.decodeInteger(in, type);
    byte[] flags = BER.decodeString(in, type);
    int securityModel = BER.decodeInteger(in, type);
    if (flags.length != 1 || securityModel != USM || request.maxSize < MIN_MAX_SIZE) {
      return false;
    }
    request.flags = flags[0] & 0xff;
    if ((request.flags & (FLAG_AUTH | FLAG_PRIV)) == FLAG_PRIV) {
      return false; // privacy without authentication: snmpInvalidMsgs, dropped
    }
    BER.decodeHeader(in, type);
    if (type.getValue() != BER.OCTETSTRING) {
      return false;
    }
    BER.decodeHeader(in, type);
    if (type.getValue() != BER.SEQUENCE) {
      return false;
    }
    request.engineId = BER.decodeString(in, type);
    request.boots = BER.decodeInteger(in, type);
    request.time = BER.decodeInteger(in, type);
    request.userName = BER.decodeString(in, type);
    request.authLength = BER.decodeHeader(in, type);
    if (type.getValue() != BER.OCTETSTRING) {
      return false;
    }
    request.authOffset = (int) in.getPosition();
    if (in.skip(request.authLength) != request.authLength) {
      return false;
    }
    request.privParams = BER.decodeString(in, type);
    request.dataOffset = (int) in.getPosition();
    if (request.engineId.length > 32 || request.userName.length > 32) {
      return false;
    }
    return true;
  }

  private static boolean authentic(
      AuthenticationProtocol auth, byte[] key, byte[] message, Request request) {
    byte[] copy = message.clone();
    byte[] received =
        Arrays.copyOfRange(copy, request.authOffset, request.authOffset + request.authLength);
    Arrays.fill(copy, request.authOffset, request.authOffset + request.authLength, (byte) 0);
    ByteArrayWindow digest = new ByteArrayWindow(copy, request.authOffset, request.authLength);
    if (!auth.authenticate(key, copy, 0, copy.length, digest)) {
      return false;
    }
    byte[] computed =
        Arrays.copyOfRange(copy, request.authOffset, request.authOffset + request.authLength);
    return MessageDigest.isEqual(received, computed);
  }

  private Optional<byte[]> decrypt(UsmUser user, Request request, BERInputStream data)
      throws IOException {
    BER.MutableByte type = new BER.MutableByte();
    byte[] encrypted = BER.decodeString(data, type);
    PrivacyProtocol cipher = keys.priv(user.priv());
    if (type.getValue() != BER.OCTETSTRING
        || request.privParams.length != cipher.getDecryptParamsLength()) {
      return Optional.empty();
    }
    try {
      byte[] plain =
          cipher.decrypt(
              encrypted,
              0,
              encrypted.length,
              request.privKey,
              request.boots,
              request.time,
              new DecryptParams(request.privParams, 0, request.privParams.length));
      return Optional.ofNullable(plain);
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private Optional<ByteBuffer> report(
      Request request, Stat stat, SecurityLevel level, byte[] engineId, int boots) {
    long count = counters.incrementAndGet(stat.ordinal());
    if (!request.reportable()) {
      return Optional.empty();
    }
    ScopedPDU pdu = new ScopedPDU();
    pdu.setType(PDU.REPORT);
    pdu.setRequestID(new org.snmp4j.smi.Integer32(request.requestId));
    pdu.add(new VariableBinding(stat.oid, new Counter32(count & 0xffffffffL)));
    return Optional.of(ByteBuffer.wrap(encode(request, level, pdu, engineId, boots, engineTime())));
  }

  /** An SNMPv3 message at {@code level}, encrypted and signed as the level says. */
  private byte[] encode(
      Request request, SecurityLevel level, PDU pdu, byte[] engineId, int boots, int time) {
    try {
      ScopedPDU scoped = new ScopedPDU();
      scoped.setType(pdu.getType());
      scoped.setRequestID(pdu.getRequestID());
      scoped.setErrorStatus(pdu.getErrorStatus());
      scoped.setErrorIndex(pdu.getErrorIndex());
      scoped.addAll(pdu.getVariableBindings());
      scoped.setContextEngineID(new OctetString(engineId));
      scoped.setContextName(new OctetString(request.contextName));
      ByteBuffer plain = ByteBuffer.allocate(scoped.getBERLength());
      scoped.encodeBER(new BEROutputStream(plain));
      byte[] scopedBytes = plain.array();

      UsmUser user = request.user.orElse(null);
      byte[] data;
      byte[] privParams = new byte[0];
      if (level == SecurityLevel.AUTH_PRIV) {
        PrivacyProtocol cipher = keys.priv(user.priv());
        DecryptParams salt = new DecryptParams();
        byte[] encrypted =
            cipher.encrypt(scopedBytes, 0, scopedBytes.length, request.privKey, boots, time, salt);
        privParams = Arrays.copyOfRange(salt.array, salt.offset, salt.offset + salt.length);
        data = tlv(BER.OCTETSTRING, encrypted);
      } else {
        data = scopedBytes;
      }
      AuthenticationProtocol auth =
          level == SecurityLevel.NO_AUTH_NO_PRIV ? null : keys.auth(user.auth());
      int authLength = auth == null ? 0 : auth.getAuthenticationCodeLength();

      byte[] beforeAuth =
          concat(
              tlv(BER.OCTETSTRING, engineId),
              integer(boots),
              integer(time),
              tlv(BER.OCTETSTRING, request.userName));
      byte[] authHeader = header(BER.OCTETSTRING, authLength);
      byte[] afterAuth = tlv(BER.OCTETSTRING, privParams);
      int securityLength = beforeAuth.length + authHeader.length + authLength + afterAuth.length;
      byte[] securitySequenceHeader = header(BER.SEQUENCE, securityLength);
      byte[] securityOctetHeader =
          header(BER.OCTETSTRING, securitySequenceHeader.length + securityLength);

      int flags =
          switch (level) {
            case NO_AUTH_NO_PRIV -> 0;
            case AUTH_NO_PRIV -> FLAG_AUTH;
            case AUTH_PRIV -> FLAG_AUTH | FLAG_PRIV;
          };
      byte[] version = integer(SnmpConstants.version3);
      byte[] globalData =
          tlv(
              BER.SEQUENCE,
              concat(
                  integer(request.msgId),
                  integer(ResponderProtocol.MAX_MESSAGE_SIZE),
                  tlv(BER.OCTETSTRING, new byte[] {(byte) flags}),
                  integer(USM)));
      int bodyLength =
          version.length
              + globalData.length
              + securityOctetHeader.length
              + securitySequenceHeader.length
              + securityLength
              + data.length;
      byte[] messageHeader = header(BER.SEQUENCE, bodyLength);
      ByteBuffer out = ByteBuffer.allocate(messageHeader.length + bodyLength);
      out.put(messageHeader).put(version).put(globalData);
      out.put(securityOctetHeader).put(securitySequenceHeader).put(beforeAuth).put(authHeader);
      int authOffset = out.position();
      out.put(new byte[authLength]).put(afterAuth).put(data);
      byte[] message = out.array();
      if (auth != null) {
        auth.authenticate(
            request.authKey,
            message,
            0,
            message.length,
            new ByteArrayWindow(message, authOffset, authLength));
      }
      return message;
    } catch (IOException e) {
      throw new IllegalStateException("encoding an SNMPv3 message failed", e);
    }
  }

  private static byte[] header(byte type, int length) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(6);
    BER.encodeHeader(out, type, length);
    return out.toByteArray();
  }

  private static byte[] tlv(byte type, byte[] content) throws IOException {
    return concat(header(type, content.length), content);
  }

  private static byte[] integer(int value) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(6);
    BER.encodeInteger(out, BER.INTEGER, value);
    return out.toByteArray();
  }

  private static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] all = new byte[length];
    int at = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, all, at, part.length);
      at += part.length;
    }
    return all;
  }
}
