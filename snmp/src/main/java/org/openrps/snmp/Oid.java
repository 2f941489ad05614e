package org.openrps.snmp;

import java.util.Arrays;

/** An SNMP object identifier. Immutable; ordered lexicographically, as SNMP walks them. */
public final class Oid implements Comparable<Oid> {

  private final int[] arcs;

  private Oid(int[] arcs) {
    if (arcs.length < 2 || arcs.length > 128) {
      throw new IllegalArgumentException("an OID has 2 to 128 arcs, not " + arcs.length);
    }
    this.arcs = arcs;
  }

  /** Parses a dotted OID such as {@code 1.3.6.1.2.1.1.1.0} (a leading dot is allowed). */
  public static Oid of(String dotted) {
    String s = dotted.startsWith(".") ? dotted.substring(1) : dotted;
    String[] parts = s.split("\\.", -1);
    int[] arcs = new int[parts.length];
    for (int i = 0; i < parts.length; i++) {
      try {
        long v = Long.parseLong(parts[i]);
        if (v < 0 || v > 0xFFFF_FFFFL) {
          throw new NumberFormatException();
        }
        arcs[i] = (int) v;
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not an OID: " + dotted, e);
      }
    }
    return new Oid(arcs);
  }

  /** An OID from its arcs (each read as unsigned 32-bit). */
  public static Oid of(int... arcs) {
    return new Oid(arcs.clone());
  }

  /** This OID with more arcs appended, e.g. a table column plus a row index. */
  public Oid append(int... more) {
    int[] all = Arrays.copyOf(arcs, arcs.length + more.length);
    System.arraycopy(more, 0, all, arcs.length, more.length);
    return new Oid(all);
  }

  /** True when this OID lies in the subtree rooted at {@code root} (or is {@code root}). */
  public boolean startsWith(Oid root) {
    if (root.arcs.length > arcs.length) {
      return false;
    }
    return Arrays.equals(arcs, 0, root.arcs.length, root.arcs, 0, root.arcs.length);
  }

  /** The arcs after {@code root}: the row index of a table cell. */
  public int[] suffixAfter(Oid root) {
    if (!startsWith(root)) {
      throw new IllegalArgumentException(this + " is not under " + root);
    }
    return Arrays.copyOfRange(arcs, root.arcs.length, arcs.length);
  }

  /** The last arc, e.g. a one-part table index. */
  public int last() {
    return arcs[arcs.length - 1];
  }

  public int size() {
    return arcs.length;
  }

  public int[] arcs() {
    return arcs.clone();
  }

  @Override
  public int compareTo(Oid other) {
    int n = Math.min(arcs.length, other.arcs.length);
    for (int i = 0; i < n; i++) {
      int c = Integer.compareUnsigned(arcs[i], other.arcs[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(arcs.length, other.arcs.length);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Oid other && Arrays.equals(arcs, other.arcs);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(arcs);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder(arcs.length * 4);
    for (int i = 0; i < arcs.length; i++) {
      if (i > 0) {
        sb.append('.');
      }
      sb.append(Integer.toUnsignedString(arcs[i]));
    }
    return sb.toString();
  }
}
