package dev.symbolic.proguard;

/**
 * Work done on a daemon thread of its own, started with {@link #start}; {@link #await} waits for
 * its result and rethrows what it threw. A plain thread rather than an executor or a lambda: the
 * retraces that use it run in short-lived processes, where setting either up costs more than the
 * work it takes off this thread.
 *
 * @param <T> what the work gives
 */
abstract class Background<T> implements Runnable {
  private final String name;
  private Thread thread;
  private T result;
  private Throwable failure;

  Background(String name) {
    this.name = name;
  }

  /** The work, on the background thread. */
  abstract T compute();

  final void start() {
    thread = new Thread(this, name);
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public final void run() {
    try {
      result = compute();
    } catch (RuntimeException | Error e) {
      failure = e;
    }
  }

  /** Waits for the work {@link #start}ed to finish: its result, or what it threw, rethrown. */
  final T await() {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    if (failure instanceof RuntimeException) {
      throw (RuntimeException) failure;
    }
    if (failure != null) {
      throw (Error) failure;
    }
    return result;
  }
}
