/** Settings every runtime AWS client shares: the SDK's standard retry mode (exponential backoff with jitter) with room for throttling. */
import { AWS_MAX_ATTEMPTS } from "./errors";

export function awsClientConfig(region: string): { region: string; maxAttempts: number; retryMode: "standard" } {
  return { region, maxAttempts: AWS_MAX_ATTEMPTS, retryMode: "standard" };
}
