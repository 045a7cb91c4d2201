/** A task class in another file whose run() reports every failure (httpcore5's Worker / RequestListener). */
class Worker implements Runnable {
  private final java.util.function.Consumer<Exception> exceptionListener;

  Worker(java.util.function.Consumer<Exception> exceptionListener) {
    this.exceptionListener = exceptionListener;
  }

  @Override
  public void run() {
    try {
      handle();
    } catch (Exception ex) {
      exceptionListener.accept(ex);
    }
  }

  void handle() throws Exception {}
}
