package org.openrps.simulator;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
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
