package org.openrps.snmp;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;

/** A value of an SNMP variable binding, in our own types (SNMP4J's never leave this module). */
public sealed interface SnmpValue {

  /** INTEGER / Integer32. */
  record Integer32(int value) implements SnmpValue {}

  /** OCTET STRING: text or binary. */
  record OctetString(byte[] bytes) implements SnmpValue {
    public OctetString {
      bytes = bytes.clone();
    }

    public static OctetString of(String text) {
      return new OctetString(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    /**
     * The bytes as text a person reads ({@link org.openrps.snmp.text.DeviceText}): UTF-8, else
     * ISO-8859-1; control characters as blanks, blanks collapsed, a NUL terminator and padding cut,
     * net-snmp's hex-dump display decoded.
     */
    public String text() {
      return org.openrps.snmp.text.DeviceText.decode(bytes);
    }

    /** The bytes as text in the character set the device declares for its strings. */
    public String text(java.nio.charset.Charset declared) {
      return text(java.util.Optional.of(declared));
    }

    /** The bytes as text in the character set the device declares, if it declares one. */
    public String text(java.util.Optional<java.nio.charset.Charset> declared) {
      return org.openrps.snmp.text.DeviceText.decode(bytes, declared);
    }

    public String hex() {
      return HexFormat.of().formatHex(bytes);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof OctetString other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "OctetString[" + text() + "]";
    }
  }

  /** OBJECT IDENTIFIER. */
  record ObjectId(Oid value) implements SnmpValue {}

  /** IpAddress (4 bytes). */
  record IpAddress(byte[] bytes) implements SnmpValue {
    public IpAddress {
      if (bytes.length != 4) {
        throw new IllegalArgumentException("IpAddress has 4 bytes, not " + bytes.length);
      }
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof IpAddress other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(bytes);
    }
  }

  /** Counter32: unsigned, wraps at 2^32. */
  record Counter32(long value) implements SnmpValue {
    public Counter32 {
      if (value < 0 || value > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("Counter32 out of range: " + value);
      }
    }
  }

  /** Gauge32 / Unsigned32. */
  record Gauge32(long value) implements SnmpValue {
    public Gauge32 {
      if (value < 0 || value > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("Gauge32 out of range: " + value);
      }
    }
  }

  /** TimeTicks: hundredths of a second. */
  record TimeTicks(long value) implements SnmpValue {
    public TimeTicks {
      if (value < 0 || value > 0xFFFF_FFFFL) {
        throw new IllegalArgumentException("TimeTicks out of range: " + value);
      }
    }
  }

  /** Counter64, unsigned (read {@code value} with {@link Long#toUnsignedString(long)}). */
  record Counter64(long value) implements SnmpValue {}

  /** Opaque (rare; kept as bytes). */
  record Opaque(byte[] bytes) implements SnmpValue {
    public Opaque {
      bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
      return bytes.clone();
    }
  }

  /** NULL. */
  record Null() implements SnmpValue {}

  /**
   * A value the device sent that SNMP cannot hold (an OID of more than 128 arcs, an undefined
   * syntax) or whose reply could not be decoded at all: it costs this value, not the device.
   *
   * @param reason what was wrong, for diagnosis
   */
  record Bad(String reason) implements SnmpValue {
    public Bad {
      java.util.Objects.requireNonNull(reason, "reason");
    }
  }

  /** The v2c exceptions: the variable is not there, or the walk has run off the end. */
  enum Exception implements SnmpValue {
    noSuchObject,
    noSuchInstance,
    endOfMibView
  }

  /** True when this is a real value, not a v2c exception or a {@link Bad} value. */
  default boolean isValue() {
    return !(this instanceof Exception) && !(this instanceof Bad);
  }

  /**
   * The value as a number, for integer-like types (Integer32, Counter32, Gauge32, TimeTicks,
   * Counter64 when it fits in a signed long).
   */
  default java.util.OptionalLong asLong() {
    if (this instanceof Integer32 v) {
      return java.util.OptionalLong.of(v.value());
    } else if (this instanceof Counter32 v) {
      return java.util.OptionalLong.of(v.value());
    } else if (this instanceof Gauge32 v) {
      return java.util.OptionalLong.of(v.value());
    } else if (this instanceof TimeTicks v) {
      return java.util.OptionalLong.of(v.value());
    } else if (this instanceof Counter64 v && v.value() >= 0) {
      return java.util.OptionalLong.of(v.value());
    }
    return java.util.OptionalLong.empty();
  }
}
