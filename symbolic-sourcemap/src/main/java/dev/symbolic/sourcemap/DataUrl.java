package dev.symbolic.sourcemap;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;

/**
 * Decodes the payload of a {@code data:} URL (RFC 2397): {@code data:[<mediatype>][;base64],data}.
 * The media type is not checked. Base64 payloads may be percent-encoded, contain ASCII whitespace
 * and lack padding; other payloads are percent-decoded, with non-ASCII characters taken as UTF-8.
 */
final class DataUrl {
  private DataUrl() {}

  static byte[] decode(String url) {
    if (url == null || !url.regionMatches(true, 0, "data:", 0, 5)) {
      throw new SourceMapException(0, "not a data: URL");
    }
    int comma = url.indexOf(',', 5);
    if (comma < 0) {
      throw new SourceMapException(5, "data: URL without ','");
    }
    String meta = url.substring(5, comma).toLowerCase(Locale.ROOT).trim();
    boolean base64 = meta.endsWith(";base64");
    byte[] payload = percentDecode(url, comma + 1);
    if (!base64) {
      return payload;
    }
    int n = 0;
    for (byte b : payload) {
      if (b != ' ' && b != '\t' && b != '\n' && b != '\r' && b != '\f') {
        payload[n++] = b;
      }
    }
    try {
      return Base64.getDecoder().decode(java.util.Arrays.copyOf(payload, n));
    } catch (IllegalArgumentException e) {
      throw new SourceMapException(comma + 1, "invalid base64 in data: URL", e);
    }
  }

  private static byte[] percentDecode(String s, int from) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length() - from);
    int i = from;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c == '%') {
        int hi = i + 2 < s.length() ? Character.digit(s.charAt(i + 1), 16) : -1;
        int lo = hi >= 0 ? Character.digit(s.charAt(i + 2), 16) : -1;
        if (lo < 0) {
          throw new SourceMapException(i, "invalid percent escape in data: URL");
        }
        out.write(hi << 4 | lo);
        i += 3;
      } else if (c < 0x80) {
        out.write(c);
        i++;
      } else {
        int end = i + Character.charCount(s.codePointAt(i));
        byte[] b = s.substring(i, end).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
        i = end;
      }
    }
    return out.toByteArray();
  }
}
