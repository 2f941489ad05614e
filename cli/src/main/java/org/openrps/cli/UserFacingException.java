package org.openrps.cli;

/** A failure with a message meant for the person at the terminal; printed without a trace. */
final class UserFacingException extends RuntimeException {
  UserFacingException(String message, Throwable cause) {
    super(message, cause);
  }

  UserFacingException(String message) {
    super(message);
  }
}
