/**
 * One line for each way an AWS call fails (no credentials, expired token, wrong region or endpoint,
 * AccessDenied, throttling after the SDK's retries, a resource in the wrong state), with what to do.
 * Light on purpose: the CLI's failure handler loads it for every failure, so it imports no SDK.
 */

/** What the SDK attaches to service errors (and what credential providers throw). */
interface SdkErrorShape {
  name?: string;
  message?: string;
  Code?: string;
  code?: string;
  $fault?: "client" | "server";
  $metadata?: { httpStatusCode?: number; attempts?: number };
}

/** Attempts (the first one included) every runtime command's clients make; the SDK backs off between them. */
export const AWS_MAX_ATTEMPTS = 6;

const CREDENTIAL_NAMES = new Set(["CredentialsProviderError", "CredentialsError"]);
const EXPIRED = new Set(["ExpiredToken", "ExpiredTokenException", "TokenRefreshRequired", "RequestExpired"]);
const BAD_CREDENTIALS = new Set([
  "UnrecognizedClientException",
  "InvalidClientTokenId",
  "InvalidSignatureException",
  "SignatureDoesNotMatch",
  "InvalidAccessKeyId",
]);
const DENIED = new Set(["AccessDenied", "AccessDeniedException", "ForbiddenException", "UnauthorizedOperation", "UnauthorizedException", "AuthorizationError"]);
const THROTTLED = new Set([
  "ThrottlingException",
  "Throttling",
  "TooManyRequestsException",
  "RequestLimitExceeded",
  "SlowDown",
  "ProvisionedThroughputExceededException",
]);
const NETWORK = new Set(["ENOTFOUND", "EAI_AGAIN", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "TimeoutError", "UnknownEndpoint"]);

function codeOf(e: SdkErrorShape): string {
  return e.name && e.name !== "Error" ? e.name : (e.Code ?? e.code ?? "");
}

/** True for errors that come from AWS or the SDK (service exceptions and credential providers). */
export function isAwsError(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const e = err as SdkErrorShape;
  return e.$metadata !== undefined || CREDENTIAL_NAMES.has(e.name ?? "") || /Region is missing|Could not load credentials/.test(e.message ?? "");
}

/** The one line to print for an AWS failure, or undefined when the error did not come from AWS. */
export function awsFailureLine(err: unknown): string | undefined {
  if (!err || typeof err !== "object") return undefined;
  const e = err as SdkErrorShape;
  const code = codeOf(e);
  const message = (e.message ?? "").split("\n")[0].trim();
  if (CREDENTIAL_NAMES.has(e.name ?? "") || /Could not load credentials/i.test(message))
    return "no AWS credentials found: set AWS_PROFILE (after aws configure or aws sso login) or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, then run the command again";
  if (/Region is missing/i.test(message)) return "no AWS region: set AWS_REGION (or a region in your AWS profile), then run the command again";
  if (!isAwsError(err) && !NETWORK.has(code)) return undefined;
  if (EXPIRED.has(code) || /security token included in the request is expired|token has expired/i.test(message))
    return `your AWS session has expired (${code}): refresh it (aws sso login, or new temporary credentials) and run the command again`;
  if (BAD_CREDENTIALS.has(code))
    return `AWS did not accept the credentials (${code}): check AWS_PROFILE or the access key in use (aws sts get-caller-identity shows which), then run again`;
  if (DENIED.has(code) || e.$metadata?.httpStatusCode === 403)
    return `AWS denied the request (${code || "403"}): ${message || "access denied"}. Ask for the permission it names on the resource, or use a profile that has it`;
  if (THROTTLED.has(code) || e.$metadata?.httpStatusCode === 429)
    return `AWS is throttling requests (${code || "429"}) and kept doing so through ${e.$metadata?.attempts ?? AWS_MAX_ATTEMPTS} attempts with backoff: wait a minute and run the command again`;
  if (NETWORK.has(code) || /getaddrinfo|ENOTFOUND|connect ECONNREFUSED/i.test(message))
    return `cannot reach the AWS endpoint (${code || "network"}): check the network and that AWS_REGION names a real region where this service exists`;
  if (code === "NotFoundException" || code === "ResourceNotFoundException" || e.$metadata?.httpStatusCode === 404)
    return `AWS could not find the resource (${code}): ${message}. It may be in another region (check AWS_REGION and the pipeline's region) or destroyed; run blackwell media status <pipeline>`;
  if (code === "ConflictException" || e.$metadata?.httpStatusCode === 409)
    return `the resource is in a state that does not allow this (${code}): ${message}. Check it with blackwell media status <pipeline> and try again when it settles`;
  return `AWS refused the request (${code || "error"}): ${message}`;
}
