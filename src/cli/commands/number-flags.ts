/** Number flags read as strings: one clear error for "garbage", "", a flag given twice, or a negative. */
import { UserError } from "../../core/problems";

export function numberFlag(args: object, name: string): number | undefined {
  const raw = (args as Record<string, unknown>)[name];
  if (raw === undefined) return undefined;
  if (Array.isArray(raw)) throw new UserError(`--${name} was given ${raw.length} times (${raw.join(", ")}); give it once`);
  const given = typeof raw === "string" ? raw : JSON.stringify(raw);
  const text = given.trim();
  const value = text === "" ? NaN : Number(text);
  if (!Number.isFinite(value) || value < 0) throw new UserError(`--${name} must be a number >= 0; got ${text === "" ? "an empty value" : given}`);
  return value;
}
