package dev.symbolic.proguard;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small, strict JSON reader for the metadata comments of R8 mappings ({@code # {"id":...}}).
 *
 * <p>Values become {@link String}, {@link Long}, {@link Double}, {@link Boolean}, {@code null},
 * {@link List} and {@link Map}. Nesting is bounded so hostile input cannot exhaust the stack; any
 * syntax error yields {@code null} from {@link #parseObject} rather than an exception, because a
 * broken comment line is skipped like any other broken line.
 */
final class Json {
  private static final int MAX_DEPTH = 32;

  private final String text;
  private int pos;

  private Json(String text) {
    this.text = text;
  }

  /** Parses {@code text} as one JSON object; returns null if it is not exactly that. */
  static Map<String, Object> parseObject(String text) {
    Json json = new Json(text);
    try {
      json.skipSpace();
      if (json.peek() != '{') {
        return null;
      }
      Object value = json.value(0);
      json.skipSpace();
      if (json.pos != text.length()) {
        return null;
      }
      @SuppressWarnings("unchecked")
      Map<String, Object> map = (Map<String, Object>) value;
      return map;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  private int peek() {
    return pos < text.length() ? text.charAt(pos) : -1;
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\r' && c != '\n') {
        break;
      }
      pos++;
    }
  }

  private void expect(char c) {
    if (peek() != c) {
      throw new IllegalArgumentException("expected " + c);
    }
    pos++;
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException("too deep");
    }
    skipSpace();
    int c = peek();
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        literal("true");
        return Boolean.TRUE;
      case 'f':
        literal("false");
        return Boolean.FALSE;
      case 'n':
        literal("null");
        return null;
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw new IllegalArgumentException("unexpected character");
    }
  }

  private Map<String, Object> object(int depth) {
    expect('{');
    Map<String, Object> map = new LinkedHashMap<>();
    skipSpace();
    if (peek() == '}') {
      pos++;
      return map;
    }
    while (true) {
      skipSpace();
      String key = string();
      skipSpace();
      expect(':');
      map.put(key, value(depth + 1));
      skipSpace();
      if (peek() == ',') {
        pos++;
        continue;
      }
      expect('}');
      return map;
    }
  }

  private List<Object> array(int depth) {
    expect('[');
    List<Object> list = new ArrayList<>();
    skipSpace();
    if (peek() == ']') {
      pos++;
      return list;
    }
    while (true) {
      list.add(value(depth + 1));
      skipSpace();
      if (peek() == ',') {
        pos++;
        continue;
      }
      expect(']');
      return list;
    }
  }

  private String string() {
    expect('"');
    StringBuilder sb = null;
    int start = pos;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '"') {
        String s = sb == null ? text.substring(start, pos) : sb.append(text, start, pos).toString();
        pos++;
        return s;
      }
      if (c == '\\') {
        if (sb == null) {
          sb = new StringBuilder();
        }
        sb.append(text, start, pos);
        pos++;
        if (pos >= text.length()) {
          break;
        }
        char e = text.charAt(pos++);
        switch (e) {
          case '"': sb.append('"'); break;
          case '\\': sb.append('\\'); break;
          case '/': sb.append('/'); break;
          case 'b': sb.append('\b'); break;
          case 'f': sb.append('\f'); break;
          case 'n': sb.append('\n'); break;
          case 'r': sb.append('\r'); break;
          case 't': sb.append('\t'); break;
          case 'u':
            if (pos + 4 > text.length()) {
              throw new IllegalArgumentException("bad escape");
            }
            try {
              sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw new IllegalArgumentException("bad escape");
            }
            pos += 4;
            break;
          default:
            throw new IllegalArgumentException("bad escape");
        }
        start = pos;
        continue;
      }
      pos++;
    }
    throw new IllegalArgumentException("unterminated string");
  }

  private void literal(String word) {
    if (!text.startsWith(word, pos)) {
      throw new IllegalArgumentException("bad literal");
    }
    pos += word.length();
  }

  private Object number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    boolean fraction = false;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c >= '0' && c <= '9') {
        pos++;
      } else if (c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') {
        fraction = true;
        pos++;
      } else {
        break;
      }
    }
    String s = text.substring(start, pos);
    try {
      return fraction ? (Object) Double.parseDouble(s) : (Object) Long.parseLong(s);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("bad number");
    }
  }
}
