import type { Reporter, RunnerTestFile } from "vitest/node";

// A workaround for stryker-js issue 6150. When a mutant makes a module throw while it is imported
// (a mutated constant table, say), vitest reports the test file as failed but collects no tests
// from it. StrykerJS counts failed *tests*, finds none, and scores the mutant "survived" although
// every test in the file would have failed. This reporter gives such a file one failed test
// carrying the import error, so the mutant is scored "killed" as it should be. Outside StrykerJS it
// changes nothing a person sees: the file is already reported as failed.
export default class UnloadableFileReporter implements Reporter {
  onFinished(files: RunnerTestFile[] = []) {
    for (const file of files) {
      if (file.result?.state !== "fail" || hasTest(file)) continue;
      const errors = file.result.errors ?? [];
      file.tasks.push({
        type: "test",
        id: `${file.id}_unloadable`,
        name: "the test file loads",
        mode: "run",
        context: undefined as never,
        file,
        suite: file,
        meta: {},
        timeout: 0,
        annotations: [],
        result: {
          state: "fail",
          errors: errors.length
            ? errors
            : [{ message: "The test file failed to load", name: "Error" }],
        },
      } as unknown as RunnerTestFile["tasks"][number]);
    }
  }
}

function hasTest(suite: { tasks: RunnerTestFile["tasks"] }): boolean {
  return suite.tasks.some((t) => t.type === "test" || (t.type === "suite" && hasTest(t)));
}
