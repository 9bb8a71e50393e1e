// ESLint flat config (issue 15, item 9; decision 115). Recommended rules for JavaScript, TypeScript
// and React hooks, a few type-aware rules where they catch real bugs cheaply, and the rule that
// holds the architecture: routes never query tables (they call their capability's *.server.ts).
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Kysely's query builders: a call to one of these in app/routes/ is a query in a route. */
const QUERY_BUILDERS = [
  "selectFrom",
  "selectNoFrom",
  "insertInto",
  "replaceInto",
  "updateTable",
  "deleteFrom",
  "mergeInto",
  "with",
  "withRecursive",
];

export default tseslint.config(
  {
    ignores: [
      "build/",
      "public/build/",
      ".cache/",
      "data/",
      "reports/",
      ".stryker-tmp/",
      "test-results/",
      "tmp/",
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      // `_`-prefixed names are deliberately unused (destructuring a field away, a required parameter).
      "@typescript-eslint/no-unused-vars": [
        "error",
        {
          argsIgnorePattern: "^_",
          varsIgnorePattern: "^_",
          caughtErrors: "none",
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    // Kysely's documented convention for migrations: they must not depend on today's schema type,
    // so they take `Kysely<any>` (and migrations are never edited once landed). db:copy walks
    // every table by name, whatever the schema, so it is typed the same way.
    files: [
      "migrations/**",
      "app/db/migrate.server.ts",
      "tests/integration/migrations-*.test.ts",
      "scripts/db-copy.ts",
    ],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Type-aware rules, where they catch real bugs: an un-awaited promise in a request or a job
    // loses its error and its ordering, and a promise in a condition is always true. Only these,
    // and only on the application (tests await through vitest), so the type-aware pass stays cheap.
    files: ["app/**/*.{ts,tsx}", "server.ts", "scripts/**/*.ts"],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      // checksVoidReturn off: the timers and Express handlers that take async functions here catch
      // their own errors (outbox, jobs, http.server), so the check flagged only those.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
    },
  },
  {
    // Routes stay thin: no query builder, no SQL, no Kysely import. Move the query to the capability.
    files: ["app/routes/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            {
              name: "kysely",
              message: "Routes do not query: put the query in the capability's *.server.ts.",
            },
          ],
          patterns: [
            {
              group: ["kysely/*"],
              message: "Routes do not query: put the query in the capability's *.server.ts.",
            },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: `CallExpression > MemberExpression.callee[property.name=/^(${QUERY_BUILDERS.join("|")})$/]`,
          message:
            "Routes do not query tables: put the query in the capability's *.server.ts and call it.",
        },
      ],
    },
  },
);
