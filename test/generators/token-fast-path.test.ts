/**
 * resolveTokensFast (generators/token-fast-path.ts) must resolve exactly as cdktf's resolver: random values mixing plain
 * data with every kind of token (strings, numbers, lists, maps, references, functions, lazy values), escapes and strings
 * that look like encoded numbers, compared by their JSON text (key order included). Plain parts never reach cdktf.
 */
import * as os from "node:os";
import * as path from "node:path";
import fc from "fast-check";
import { App, DefaultTokenResolver, Fn, Lazy, StringConcat, TerraformStack, TerraformVariable, Token, Tokenization } from "cdktf";
import { resolveTokensFast } from "../../generators/token-fast-path";

const stack = new TerraformStack(new App({ skipValidation: true, outdir: path.join(os.tmpdir(), "blackwell-cdktf") }), "tokens");
const variable = new TerraformVariable(stack, "name_prefix", { type: "string" });
const list = new TerraformVariable(stack, "cidrs", { type: "list(string)" });
const count = new TerraformVariable(stack, "count", { type: "number" });
const resolver = new DefaultTokenResolver(new StringConcat());
const cdktfResolve = (value: unknown) => Tokenization.resolve(value, { scope: stack, preparing: false, resolver });

/** Leaves: plain values, values cdktf must look at twice, and tokens of every kind. */
const leaves: Array<() => unknown> = [
  () => "plain text",
  () => "",
  () => "${var.literal} as written",
  () => "$${escaped}",
  () => "1e5",
  () => "h264-2e+3-profile",
  () => "String Map Token Value",
  () => 42,
  () => -1.5,
  () => 1e250,
  () => -123456789,
  () => true,
  () => null,
  () => undefined,
  () => variable.stringValue,
  () => `${variable.stringValue}-channel`,
  () => `arn:aws:s3:::${variable.stringValue}/${Token.asString(count.numberValue)}`,
  () => count.numberValue,
  () => `port ${count.numberValue}`, // a number token inside a string: "-1.88e+289"
  () => list.listValue,
  () => Token.asList(list.value),
  () => Fn.join(",", list.listValue),
  () => Fn.upper(variable.stringValue),
  () => Lazy.stringValue({ produce: () => "lazy" }),
  () => Lazy.anyValue({ produce: () => ({ produced: ["a", 1] }) }),
  () => ({ resolve: () => "an IResolvable" }),
  () => Token.asStringMap(variable.value),
  () => Token.asAnyMap(variable.value),
  () => new Date(0),
];

const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.integer({ min: 0, max: leaves.length - 1 }).map((i) => leaves[i]()),
    fc.array(tie("value"), { maxLength: 4 }),
    fc.dictionary(fc.constantFrom("name", "tags", "${TfToken[TOKEN.1]}", "Key", "1e3", "a b"), tie("value"), { maxKeys: 4 }),
  ),
})).value;

/** The JSON text of what `resolve` gives, or the error it throws (cdktf refuses a map token in a scalar's place). */
function outcome(resolve: () => unknown): string {
  try {
    return JSON.stringify(resolve());
  } catch (err) {
    return `error: ${(err as Error).message}`;
  }
}

test("random values with tokens resolve exactly as cdktf resolves them", () => {
  fc.assert(
    fc.property(value, (v) => {
      expect(outcome(() => resolveTokensFast(v, cdktfResolve))).toBe(outcome(() => cdktfResolve(v)));
    }),
    { numRuns: 1000 },
  );
});

test("the parts cdktf sees: none of a plain value, each token part of a mixed one", () => {
  const seen: unknown[] = [];
  const spy = (part: unknown) => (seen.push(part), cdktfResolve(part));
  const plain = { name: "x", settings: [{ bitrate: 5_000_000, profile: "HIGH", gop: 2, skipped: undefined }], on: true, none: null };
  expect(resolveTokensFast(plain, spy)).toEqual({ name: "x", settings: [{ bitrate: 5_000_000, profile: "HIGH", gop: 2 }], on: true, none: null });
  expect(seen).toEqual([]);
  const ref = `${variable.stringValue}-channel`;
  const cidrs = list.listValue;
  expect(resolveTokensFast({ name: ref, settings: [{ bitrate: 1 }], cidrs }, spy)).toEqual({
    name: "${var.name_prefix}-channel",
    settings: [{ bitrate: 1 }],
    cidrs: "${var.cidrs}",
  });
  expect(seen).toEqual([ref, cidrs]);
});

test("NEGATIVE: what cdktf refuses is still refused (a function, a circular value)", () => {
  expect(() => resolveTokensFast({ f: () => 1 }, cdktfResolve)).toThrow();
  const circular: Record<string, unknown> = {};
  circular.self = circular;
  expect(() => resolveTokensFast(circular, cdktfResolve)).toThrow();
});
