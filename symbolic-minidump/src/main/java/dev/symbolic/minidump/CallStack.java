package dev.symbolic.minidump;

import java.util.List;

/**
 * The walked stack of one thread.
 *
 * @param threadId the thread id
 * @param frames the frames, innermost first; inlined frames precede the frame they are in
 */
public record CallStack(long threadId, List<StackFrame> frames) {
  /** Copies the frames. */
  public CallStack {
    frames = List.copyOf(frames);
  }
}
