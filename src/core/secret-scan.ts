/**
 * Finds secrets written as literals in a definition, before schema validation, so the message says
 * "this is a secret, reference it" instead of "wrong type". Runs on any parsed document.
 */
import { Problem, jsonPath } from "./problems";

const SECRET_KEYS = new Set(["stream_key", "passphrase", "private_key", "cloudfront_private_key", "password", "secret", "token", "api_key"]);

/** Stream keys pasted into RTMP URLs: YouTube (xxxx-xxxx-xxxx-xxxx-xxxx), Twitch (live_...), Facebook (FB-...). */
const KEY_IN_URL = /^rtmps?:\/\/[^/]+\/.+\/([a-z0-9]{4}(-[a-z0-9]{4}){3,}|live_[0-9]+_[A-Za-z0-9]+|FB-[0-9]+-[0-9]+-[A-Za-z0-9_-]+)$/i;

const HOW_TO_REFERENCE =
  "reference it instead: { \"secrets_manager_arn\": \"arn:aws:secretsmanager:...\" }, { \"ssm_parameter\": \"/path\" } or { \"variable\": \"name\" }, or leave it out to get a sensitive module variable";

export function findSecretLiterals(data: unknown, file: string): Problem[] {
  const problems: Problem[] = [];
  const visit = (value: unknown, segments: Array<string | number>) => {
    if (typeof value === "string") {
      const key = segments[segments.length - 1];
      if (typeof key === "string" && SECRET_KEYS.has(key)) {
        problems.push(secretProblem(file, segments, `${key} is written as a literal; secrets never go in definitions`));
      } else if (value.includes("-----BEGIN") && value.includes("PRIVATE KEY")) {
        problems.push(secretProblem(file, segments, "a private key is written in the definition"));
      } else if (KEY_IN_URL.test(value)) {
        problems.push(secretProblem(file, segments, "this RTMP URL ends with what looks like a stream key; give the URL without the key"));
      }
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, [...segments, i]));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) visit(v, [...segments, k]);
  };
  visit(data, []);
  return problems;
}

function secretProblem(file: string, segments: Array<string | number>, message: string): Problem {
  return { file, path: jsonPath(segments), message, severity: "error", rule: "BMF-SECRET-LITERAL", suggestion: HOW_TO_REFERENCE };
}
