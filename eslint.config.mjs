// ESLint flat config: typescript-eslint's type-checked recommended rules on the TypeScript sources, ESLint's recommended
// rules on the few plain JavaScript entry points, and eslint-config-prettier last so formatting is Prettier's alone.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import prettier from "eslint-config-prettier";

export default tseslint.config(
  { ignores: ["dist/", "dist-*/", "node_modules/", "modules/", "test/fixtures/", "src/types/*.generated.ts", "coverage/"] },
  js.configs.recommended,
  {
    files: ["**/*.ts"],
    extends: [...tseslint.configs.recommendedTypeChecked],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // Terraform JSON, plans and AWS specs are walked as untyped documents through a `Json` record
      // alias; narrowing every member access of them would add casts, not safety. `any` itself stays
      // an error (no-explicit-any) everywhere else.
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      // `_name` marks a deliberately unused binding (a destructured property left out, a required callback parameter).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", module: "writable", __dirname: "readonly", process: "readonly", console: "readonly" },
    },
  },
  { files: ["**/*.mjs"], languageOptions: { sourceType: "module" } },
  { linterOptions: { reportUnusedDisableDirectives: "error" } },
  prettier,
);
