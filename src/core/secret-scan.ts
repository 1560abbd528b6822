/**
 * Finds secrets written as literals in a definition, before schema validation, so the message says
 * "this is a secret, reference it" instead of "wrong type". Runs on any parsed document, walking it
 * without recursion (a hostile document may be nested arbitrarily deep).
 */
import { Problem, jsonPath } from "./problems";

const SECRET_KEYS = new Set(["stream_key", "passphrase", "private_key", "cloudfront_private_key", "password", "secret", "token", "api_key"]);

/** Stream keys pasted into RTMP URLs: YouTube (xxxx-xxxx-xxxx-xxxx-xxxx), Twitch (live_...), Facebook (FB-...). */
const KEY_IN_URL = /^rtmps?:\/\/[^/]+\/.+\/([a-z0-9]{4}(-[a-z0-9]{4}){3,}|live_[0-9]+_[A-Za-z0-9]+|FB-[0-9]+-[0-9]+-[A-Za-z0-9_-]+)$/i;

/** Query parameters RTMP/SRT/HLS ingest services carry keys in (rtmp://host/app?streamkey=..., srt://host?passphrase=...). */
const KEY_QUERY_PARAMS = /^(stream_?key|key|token|auth|secret|password|passphrase|pass|pwd|access_token|api_key|sig|signature|streamid)$/i;
const URL_WITH_QUERY = /[a-z][a-z0-9+.-]*:\/\/[^\s?#]*\?([^\s#]+)/gi;

/**
 * Stream keys in free text (titles, tags): YouTube's five groups of four (letters and digits mixed), Twitch's
 * live_<digits>_<token>, Facebook's FB-<id>-<id>-<token>.
 */
const KEY_SHAPED = [
  /\b(?=[a-z0-9-]*\d)(?=[a-z0-9-]*[a-z])[a-z0-9]{4}(?:-[a-z0-9]{4}){4}\b/i,
  /\blive_[0-9]{4,}_[A-Za-z0-9]{12,}\b/,
  /\bFB-[0-9]{6,}-[0-9]+-[A-Za-z0-9_-]{8,}/,
];

const HOW_TO_REFERENCE =
  'reference it instead: { "secrets_manager_arn": "arn:aws:secretsmanager:..." }, { "ssm_parameter": "/path" } or { "variable": "name" }, or leave it out to get a sensitive module variable';

/** SRT passphrases: MediaLive reads them only from Secrets Manager, by ARN (srt.decryption.passphrase_secret_arn). */
const SRT_PASSPHRASE_REFERENCE =
  'store the SRT passphrase in AWS Secrets Manager as a plaintext secret and give its ARN: "srt": { "decryption": { "algorithm": "AES256", "passphrase_secret_arn": "arn:aws:secretsmanager:..." } }, or leave the ARN out and pass the module variable <source id>_passphrase_secret_arn';

/** Per-key advice where the generic secret references do not apply. */
const SUGGESTION_FOR_KEY: Record<string, string> = { passphrase: SRT_PASSPHRASE_REFERENCE, passphrase_secret_arn: SRT_PASSPHRASE_REFERENCE };

/** The name of a query parameter in `text` that carries a key (`?streamkey=...`), if any. */
function keyInQuery(text: string): string | undefined {
  for (const match of text.matchAll(URL_WITH_QUERY))
    for (const pair of match[1].split("&")) {
      const [name, value] = pair.split("=");
      if (value && KEY_QUERY_PARAMS.test(name)) return name;
    }
  return undefined;
}

/** What is wrong with string `value` at a place named `key`, or undefined. */
function secretIn(value: string, key: string | number | undefined): string | undefined {
  if (typeof key === "string" && SECRET_KEYS.has(key)) return `${key} is written as a literal; secrets never go in definitions`;
  if (key === "passphrase_secret_arn" && !value.startsWith("arn:"))
    return "passphrase_secret_arn holds something other than an ARN; it names the Secrets Manager secret, never the passphrase itself";
  if (value.includes("-----BEGIN") && value.includes("PRIVATE KEY")) return "a private key is written in the definition";
  if (KEY_IN_URL.test(value)) return "this RTMP URL ends with what looks like a stream key; give the URL without the key";
  const param = keyInQuery(value);
  if (param) return `this URL carries a key in its query (?${param}=...); give the URL without it`;
  if (KEY_SHAPED.some((re) => re.test(value))) return "this text holds what looks like a stream key; it would land in generated files and tags";
  return undefined;
}

/** A place in the document: its key and its parent's place (a chain, so deep documents cost no path copies). */
interface Place {
  key: string | number | undefined;
  parent?: Place;
  depth: number;
}

const segmentsOf = (place: Place): Array<string | number> => {
  const out: Array<string | number> = [];
  for (let p: Place | undefined = place; p && p.depth > 0; p = p.parent) out.push(p.key!);
  return out.reverse();
};

export function findSecretLiterals(data: unknown, file: string): Problem[] {
  const problems: Problem[] = [];
  // Depth-first, children in document order, as a recursive walk would report them.
  const stack: Array<{ value: unknown; place: Place }> = [{ value: data, place: { key: undefined, depth: 0 } }];
  while (stack.length) {
    const { value, place } = stack.pop()!;
    if (typeof value === "string") {
      const message = secretIn(value, place.key);
      if (message) problems.push(secretProblem(file, segmentsOf(place), message, typeof place.key === "string" ? SUGGESTION_FOR_KEY[place.key] : undefined));
      continue;
    }
    if (!value || typeof value !== "object") continue;
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    for (const [k] of entries)
      // Keys are free text too (tags): a key-shaped tag name lands in every resource's tags.
      if (typeof k === "string" && KEY_SHAPED.some((re) => re.test(k)))
        problems.push(secretProblem(file, [...segmentsOf(place), k], "this key holds what looks like a stream key; it would land in generated files and tags"));
    for (let i = entries.length - 1; i >= 0; i--) stack.push({ value: entries[i][1], place: { key: entries[i][0], parent: place, depth: place.depth + 1 } });
  }
  return problems;
}

function secretProblem(file: string, segments: Array<string | number>, message: string, suggestion = HOW_TO_REFERENCE): Problem {
  return { file, path: jsonPath(segments), message, severity: "error", rule: "BMF-SECRET-LITERAL", suggestion };
}
