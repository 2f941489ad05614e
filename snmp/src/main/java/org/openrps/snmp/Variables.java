package org.openrps.snmp;

import org.snmp4j.smi.Counter32;
import org.snmp4j.smi.Counter64;
import org.snmp4j.smi.Gauge32;
import org.snmp4j.smi.Integer32;
import org.snmp4j.smi.Null;
import org.snmp4j.smi.OID;
import org.snmp4j.smi.OctetString;
import org.snmp4j.smi.Opaque;
import org.snmp4j.smi.SMIConstants;
import org.snmp4j.smi.TimeTicks;
import org.snmp4j.smi.Variable;
import org.snmp4j.smi.VariableBinding;

/** The one place where SNMP4J's {@link Variable}s and our {@link SnmpValue}s meet. */
final class Variables {

  private Variables() {}

  static OID toOid(Oid oid) {
    return new OID(oid.arcs());
  }

  /**
   * Our OID for SNMP4J's.
   *
   * @throws IllegalArgumentException when it has fewer than 2 or more than 128 arcs
   */
  static Oid fromOid(OID oid) {
    return Oid.of(oid.getValue());
  }

  static VariableBinding toBinding(VarBind vb) {
    return new VariableBinding(toOid(vb.oid()), toVariable(vb.value()));
  }

  /**
   * Our binding for SNMP4J's.
   *
   * @throws IllegalArgumentException when the OID or the value cannot be represented
   */
  static VarBind fromBinding(VariableBinding vb) {
    return new VarBind(fromOid(vb.getOid()), fromVariable(vb.getVariable()));
  }

  static Variable toVariable(SnmpValue value) {
    if (value instanceof SnmpValue.Integer32 v) {
      return new Integer32(v.value());
    } else if (value instanceof SnmpValue.OctetString v) {
      return new OctetString(v.bytes());
    } else if (value instanceof SnmpValue.ObjectId v) {
      return toOid(v.value());
    } else if (value instanceof SnmpValue.IpAddress v) {
      return new org.snmp4j.smi.IpAddress(v.bytes());
    } else if (value instanceof SnmpValue.Counter32 v) {
      return new Counter32(v.value());
    } else if (value instanceof SnmpValue.Gauge32 v) {
      return new Gauge32(v.value());
    } else if (value instanceof SnmpValue.TimeTicks v) {
      return new TimeTicks(v.value());
    } else if (value instanceof SnmpValue.Counter64 v) {
      return new Counter64(v.value());
    } else if (value instanceof SnmpValue.Opaque v) {
      return new Opaque(v.bytes());
    } else if (value instanceof SnmpValue.Null) {
      return new Null();
    } else if (value instanceof SnmpValue.Exception e) {
      switch (e) {
        case noSuchObject:
          return new Null(SMIConstants.EXCEPTION_NO_SUCH_OBJECT);
        case noSuchInstance:
          return new Null(SMIConstants.EXCEPTION_NO_SUCH_INSTANCE);
        default:
          return new Null(SMIConstants.EXCEPTION_END_OF_MIB_VIEW);
      }
    }
    throw new IllegalArgumentException("unknown value type: " + value);
  }

  /**
   * Our value for SNMP4J's.
   *
   * @throws IllegalArgumentException for a syntax SNMP does not define in v1/v2c
   */
  static SnmpValue fromVariable(Variable variable) {
    switch (variable.getSyntax()) {
      case SMIConstants.SYNTAX_INTEGER:
        return new SnmpValue.Integer32(variable.toInt());
      case SMIConstants.SYNTAX_OCTET_STRING:
        return new SnmpValue.OctetString(((OctetString) variable).getValue());
      case SMIConstants.SYNTAX_OBJECT_IDENTIFIER:
        return new SnmpValue.ObjectId(fromOid((OID) variable));
      case SMIConstants.SYNTAX_IPADDRESS:
        return new SnmpValue.IpAddress(((org.snmp4j.smi.IpAddress) variable).toByteArray());
      case SMIConstants.SYNTAX_COUNTER32:
        return new SnmpValue.Counter32(variable.toLong());
      case SMIConstants.SYNTAX_GAUGE32:
        return new SnmpValue.Gauge32(variable.toLong());
      case SMIConstants.SYNTAX_TIMETICKS:
        return new SnmpValue.TimeTicks(variable.toLong());
      case SMIConstants.SYNTAX_COUNTER64:
        return new SnmpValue.Counter64(variable.toLong());
      case SMIConstants.SYNTAX_OPAQUE:
        return new SnmpValue.Opaque(((Opaque) variable).getValue());
      case SMIConstants.SYNTAX_NULL:
        return new SnmpValue.Null();
      case SMIConstants.EXCEPTION_NO_SUCH_OBJECT:
        return SnmpValue.Exception.noSuchObject;
      case SMIConstants.EXCEPTION_NO_SUCH_INSTANCE:
        return SnmpValue.Exception.noSuchInstance;
      case SMIConstants.EXCEPTION_END_OF_MIB_VIEW:
        return SnmpValue.Exception.endOfMibView;
      default:
        throw new IllegalArgumentException("unsupported syntax " + variable.getSyntaxString());
    }
  }
}
