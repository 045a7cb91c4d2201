package dev.corral.checker;

/** Where each check's documentation lives: {@code @BugPattern(link = DOCS_BASE + "<Name>.md")}. */
final class Documentation {
  /** The folder of the per-check pages, {@code docs/checks/<Name>.md}, in the project's repository. */
  static final String DOCS_BASE = "https://github.com/corral-dev/corral/blob/main/docs/checks/";

  private Documentation() {}
}
