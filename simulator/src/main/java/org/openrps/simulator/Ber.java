package org.openrps.simulator;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Just enough BER to find and change the fields of an SNMPv1/v2c message that faults touch: the
 * request id and the error status; of an SNMPv3 message only its msgID (its PDU may be encrypted).
 * Works on raw bytes; anything unexpected gives empty.
 */
final class Ber {

  private Ber() {}

  /** Offsets of one TLV: where its value starts and how long it is. */
  record Tlv(int tag, int start, int length) {
    int end() {
      return start + length;
    }
  }

  static Optional<Tlv> read(byte[] b, int at, int limit) {
    if (at + 2 > limit) {
      return Optional.empty();
    }
    int tag = b[at] & 0xFF;
    int first = b[at + 1] & 0xFF;
    int start = at + 2;
    int length;
    if (first < 0x80) {
      length = first;
    } else {
      int n = first & 0x7F;
      if (n < 1 || n > 3 || start + n > limit) {
        return Optional.empty();
      }
      length = 0;
      for (int i = 0; i < n; i++) {
        length = (length << 8) | (b[start + i] & 0xFF);
      }
      start += n;
    }
    if (start + length > limit) {
      return Optional.empty();
    }
    return Optional.of(new Tlv(tag, start, length));
  }

  /** The message's version, community, PDU and request id TLVs, in that order. */
  static Optional<Tlv[]> fields(byte[] b, int limit) {
    Optional<Tlv> message = read(b, 0, limit);
    if (message.isEmpty() || message.get().tag() != 0x30) {
      return Optional.empty();
    }
    Optional<Tlv> version = read(b, message.get().start(), limit);
    if (version.isEmpty() || version.get().tag() != 0x02) {
      return Optional.empty();
    }
    Optional<Tlv> community = read(b, version.get().end(), limit);
    if (community.isEmpty() || community.get().tag() != 0x04) {
      return Optional.empty();
    }
    Optional<Tlv> pdu = read(b, community.get().end(), limit);
    if (pdu.isEmpty() || (pdu.get().tag() & 0xE0) != 0xA0) {
      return Optional.empty();
    }
    Optional<Tlv> requestId = read(b, pdu.get().start(), limit);
    if (requestId.isEmpty() || requestId.get().tag() != 0x02) {
      return Optional.empty();
    }
    return Optional.of(new Tlv[] {version.get(), community.get(), pdu.get(), requestId.get()});
  }

  /** The request id as a long (for matching a reply to its request), or empty. */
  static Optional<Long> requestId(byte[] b, int limit) {
    return fields(b, limit)
        .map(
            f -> {
              long id = b[f[3].start()]; // sign-extended first byte
              for (int i = 1; i < f[3].length(); i++) {
                id = (id << 8) | (b[f[3].start() + i] & 0xFF);
              }
              return id;
            });
  }

  /**
   * The msgID of an SNMPv3 message (RFC 3412: {@code SEQUENCE { version 3, SEQUENCE { msgID, ...
   * }}}), which the reply carries too, or empty when it is not v3.
   */
  static Optional<Long> v3MessageId(byte[] b, int limit) {
    Optional<Tlv> message = read(b, 0, limit);
    if (message.isEmpty() || message.get().tag() != 0x30) {
      return Optional.empty();
    }
    Optional<Tlv> version = read(b, message.get().start(), limit);
    if (version.isEmpty()
        || version.get().tag() != 0x02
        || version.get().length() != 1
        || b[version.get().start()] != 3) {
      return Optional.empty();
    }
    Optional<Tlv> header = read(b, version.get().end(), limit);
    if (header.isEmpty() || header.get().tag() != 0x30) {
      return Optional.empty();
    }
    Optional<Tlv> id = read(b, header.get().start(), limit);
    if (id.isEmpty() || id.get().tag() != 0x02 || id.get().length() > 5) {
      return Optional.empty();
    }
    long value = b[id.get().start()];
    for (int i = 1; i < id.get().length(); i++) {
      value = (value << 8) | (b[id.get().start() + i] & 0xFF);
    }
    return Optional.of(value);
  }

  /** The reply with its request id changed in its last byte (same length, another id). */
  static byte[] withWrongRequestId(byte[] reply) {
    byte[] out = reply.clone();
    fields(out, out.length).ifPresent(f -> out[f[3].end() - 1] ^= 0x01);
    return out;
  }

  /**
   * A tooBig response (error-status 1, error-index 0, no variables) to the same request as {@code
   * reply}; the reply itself when it cannot be parsed.
   */
  static byte[] tooBig(byte[] reply) {
    Optional<Tlv[]> fields = fields(reply, reply.length);
    if (fields.isEmpty()) {
      return reply;
    }
    Tlv[] f = fields.get();
    ByteArrayOutputStream pdu = new ByteArrayOutputStream();
    pdu.write(reply, f[3].start() - header(f[3]), header(f[3]) + f[3].length());
    pdu.writeBytes(new byte[] {0x02, 0x01, 0x01, 0x02, 0x01, 0x00, 0x30, 0x00});
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(reply, f[0].start() - header(f[0]), header(f[0]) + f[0].length());
    body.write(reply, f[1].start() - header(f[1]), header(f[1]) + f[1].length());
    writeTlv(body, f[2].tag(), pdu.toByteArray());
    ByteArrayOutputStream message = new ByteArrayOutputStream();
    writeTlv(message, 0x30, body.toByteArray());
    return message.toByteArray();
  }

  /** The length of a TLV's tag and length octets. */
  private static int header(Tlv t) {
    return t.length() < 0x80 ? 2 : t.length() < 0x100 ? 3 : t.length() < 0x10000 ? 4 : 5;
  }

  private static void writeTlv(ByteArrayOutputStream out, int tag, byte[] value) {
    out.write(tag);
    int n = value.length;
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else {
      out.write(0x82);
      out.write(n >>> 8);
      out.write(n);
    }
    out.writeBytes(value);
  }

  /** True for a v1/v2c GET request. */
  static boolean isGet(byte[] request) {
    return fields(request, request.length).map(f -> f[2].tag() == 0xA0).orElse(false);
  }

  private static final byte[] SYS_CONTACT = oid(1, 3, 6, 1, 2, 1, 1, 4, 0);
  private static final byte[] SYS_NAME = oid(1, 3, 6, 1, 2, 1, 1, 5, 0);
  private static final byte[] SYS_LOCATION = oid(1, 3, 6, 1, 2, 1, 1, 6, 0);
  private static final byte[] HR_DEVICE_STATUS_1 = oid(1, 3, 6, 1, 2, 1, 25, 3, 2, 1, 5, 1);

  /**
   * A GET response with its variable bindings changed as {@code kind} says (reordered, duplicated,
   * missing, extra, badVarbind); the reply itself when it cannot be parsed.
   */
  static byte[] rewritten(byte[] reply, FaultKind kind) {
    Optional<Tlv[]> parsed = fields(reply, reply.length);
    if (parsed.isEmpty()) {
      return reply;
    }
    Tlv[] f = parsed.get();
    Optional<Tlv> status = read(reply, f[3].end(), f[2].end());
    Optional<Tlv> index = status.flatMap(t -> read(reply, t.end(), f[2].end()));
    Optional<Tlv> list = index.flatMap(t -> read(reply, t.end(), f[2].end()));
    if (list.isEmpty() || list.get().tag() != 0x30) {
      return reply;
    }
    List<byte[]> varbinds = new ArrayList<>();
    int at = list.get().start();
    while (at < list.get().end()) {
      Optional<Tlv> vb = read(reply, at, list.get().end());
      if (vb.isEmpty()) {
        return reply;
      }
      varbinds.add(Arrays.copyOfRange(reply, at, vb.get().end()));
      at = vb.get().end();
    }
    List<byte[]> out = new ArrayList<>();
    switch (kind) {
      case REORDERED:
        for (int i = varbinds.size() - 1; i >= 0; i--) {
          out.add(varbinds.get(i));
        }
        break;
      case DUPLICATED:
        out.addAll(varbinds);
        for (int i = 0; i < varbinds.size(); i++) {
          byte[][] mine = split(varbinds.get(i));
          byte[][] next = split(varbinds.get((i + 1) % varbinds.size()));
          out.add(varbind(mine[0], next[1]));
        }
        break;
      case MISSING:
        out.addAll(varbinds.size() > 1 ? varbinds.subList(0, varbinds.size() - 1) : varbinds);
        break;
      case EXTRA:
        out.add(varbind(SYS_CONTACT, new byte[] {0x04, 0x05, 'e', 'x', 't', 'r', 'a'}));
        out.addAll(varbinds);
        break;
      case BAD_VARBIND:
        for (byte[] vb : varbinds) {
          byte[][] parts = split(vb);
          if (Arrays.equals(parts[0], SYS_LOCATION)) {
            out.add(varbind(parts[0], new byte[] {0x02, 0x05, 0x01, 0x02, 0x03, 0x04, 0x05}));
          } else if (Arrays.equals(parts[0], HR_DEVICE_STATUS_1)) {
            byte[] nested = {0x05, 0x00};
            for (int i = 0; i < 40; i++) {
              ByteArrayOutputStream deeper = new ByteArrayOutputStream();
              writeTlv(deeper, 0x30, nested);
              nested = deeper.toByteArray();
            }
            out.add(varbind(parts[0], nested));
          } else if (Arrays.equals(parts[0], SYS_NAME)) {
            ByteArrayOutputStream arcs = new ByteArrayOutputStream();
            arcs.write(0x2B);
            for (int i = 0; i < 299; i++) {
              arcs.write(0x01);
            }
            ByteArrayOutputStream value = new ByteArrayOutputStream();
            writeTlv(value, 0x06, arcs.toByteArray());
            out.add(varbind(parts[0], value.toByteArray()));
          } else {
            out.add(vb);
          }
        }
        break;
      default:
        return reply;
    }
    ByteArrayOutputStream bindings = new ByteArrayOutputStream();
    out.forEach(bindings::writeBytes);
    ByteArrayOutputStream pdu = new ByteArrayOutputStream();
    pdu.write(reply, f[2].start(), index.get().end() - f[2].start());
    writeTlv(pdu, 0x30, bindings.toByteArray());
    Optional<Tlv> message = read(reply, 0, reply.length);
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    // version and community as they were
    body.write(reply, message.get().start(), f[1].end() - message.get().start());
    writeTlv(body, f[2].tag(), pdu.toByteArray());
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    writeTlv(whole, 0x30, body.toByteArray());
    return whole.toByteArray();
  }

  /** A varbind's OID TLV and value TLV, as raw bytes. */
  private static byte[][] split(byte[] varbind) {
    Tlv seq = read(varbind, 0, varbind.length).orElseThrow();
    Tlv name = read(varbind, seq.start(), seq.end()).orElseThrow();
    return new byte[][] {
      Arrays.copyOfRange(varbind, seq.start(), name.end()),
      Arrays.copyOfRange(varbind, name.end(), seq.end())
    };
  }

  private static byte[] varbind(byte[] name, byte[] value) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.writeBytes(name);
    content.writeBytes(value);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeTlv(out, 0x30, content.toByteArray());
    return out.toByteArray();
  }

  /** The OID TLV of small arcs (each under 128, as the system group's). */
  private static byte[] oid(int... arcs) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    content.write(40 * arcs[0] + arcs[1]);
    for (int i = 2; i < arcs.length; i++) {
      content.write(arcs[i]);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    writeTlv(out, 0x06, content.toByteArray());
    return out.toByteArray();
  }

  /** The first two thirds of the datagram. */
  static byte[] truncated(byte[] reply) {
    return Arrays.copyOf(reply, Math.max(1, reply.length * 2 / 3));
  }

  /** The datagram with a run of bytes in its middle scrambled, so its BER no longer decodes. */
  static byte[] garbled(byte[] reply) {
    byte[] out = reply.clone();
    int from = out.length / 3;
    for (int i = from; i < Math.min(out.length, from + 8); i++) {
      out[i] ^= 0x5A;
    }
    // and the outer length claims more than there is
    if (out.length > 2 && (out[1] & 0x80) == 0) {
      out[1] = (byte) 0x7F;
    } else if (out.length > 3) {
      out[2] = (byte) 0xFF;
    }
    return out;
  }
}
