package dev.symbolic.minidump;

/** A minimal JSON text builder: objects, arrays, strings, numbers, booleans and null. */
final class JsonWriter {
  private final StringBuilder out = new StringBuilder();
  /** Whether the next value in the current container needs a comma before it. */
  private boolean comma;

  JsonWriter beginObject() {
    separator();
    out.append('{');
    comma = false;
    return this;
  }

  JsonWriter endObject() {
    out.append('}');
    comma = true;
    return this;
  }

  JsonWriter beginArray() {
    separator();
    out.append('[');
    comma = false;
    return this;
  }

  JsonWriter endArray() {
    out.append(']');
    comma = true;
    return this;
  }

  JsonWriter name(String name) {
    separator();
    string(name);
    out.append(':');
    comma = false;
    return this;
  }

  JsonWriter value(String s) {
    separator();
    if (s == null) {
      out.append("null");
    } else {
      string(s);
    }
    comma = true;
    return this;
  }

  JsonWriter value(long v) {
    separator();
    out.append(v);
    comma = true;
    return this;
  }

  JsonWriter value(boolean v) {
    separator();
    out.append(v);
    comma = true;
    return this;
  }

  JsonWriter nullValue() {
    separator();
    out.append("null");
    comma = true;
    return this;
  }

  private void separator() {
    if (comma) {
      out.append(',');
      comma = false;
    }
  }

  private void string(String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  @Override
  public String toString() {
    return out.toString();
  }
}
