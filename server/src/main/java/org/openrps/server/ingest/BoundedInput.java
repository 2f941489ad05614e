package org.openrps.server.ingest;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;

/** Input streams that refuse to go past a size, and a gzip stream whose failures say so. */
final class BoundedInput {

  private BoundedInput() {}

  /** Thrown when a stream passes its limit. An IOException so that it crosses Jackson intact. */
  static final class LimitExceeded extends IOException {
    LimitExceeded(String message) {
      super(message, null);
    }
  }

  /** Thrown when compressed data cannot be inflated. */
  static final class BadEncoding extends IOException {
    BadEncoding(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Counts bytes as they are read and fails as soon as more than {@code limit} went by. */
  static InputStream limited(InputStream in, long limit, String what) {
    return new FilterInputStream(in) {
      private long count;

      @Override
      public int read() throws IOException {
        int b = super.read();
        if (b >= 0) {
          count(1);
        }
        return b;
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        int n = super.read(buffer, offset, length);
        if (n > 0) {
          count(n);
        }
        return n;
      }

      @Override
      public long skip(long n) throws IOException {
        long skipped = super.skip(n);
        count(skipped);
        return skipped;
      }

      @Override
      public boolean markSupported() {
        return false;
      }

      private void count(long n) throws LimitExceeded {
        count += n;
        if (count > limit) {
          throw new LimitExceeded(what + " is larger than " + limit + " bytes");
        }
      }
    };
  }

  /**
   * Inflates gzip as it is read, a buffer at a time. Any failure of the compressed data becomes
   * {@link BadEncoding}; a limit passed by the stream below stays {@link LimitExceeded}.
   */
  static InputStream gunzip(InputStream in) throws BadEncoding, LimitExceeded {
    GZIPInputStream gzip;
    try {
      gzip = new GZIPInputStream(in, 8192);
    } catch (LimitExceeded e) {
      throw e;
    } catch (IOException e) {
      throw new BadEncoding("the body is not gzip: " + e.getMessage(), e);
    }
    return new FilterInputStream(gzip) {
      @Override
      public int read() throws IOException {
        try {
          return super.read();
        } catch (LimitExceeded e) {
          throw e;
        } catch (IOException e) {
          throw new BadEncoding("broken gzip: " + e.getMessage(), e);
        }
      }

      @Override
      public int read(byte[] buffer, int offset, int length) throws IOException {
        try {
          return super.read(buffer, offset, length);
        } catch (LimitExceeded e) {
          throw e;
        } catch (IOException e) {
          throw new BadEncoding("broken gzip: " + e.getMessage(), e);
        }
      }
    };
  }
}
