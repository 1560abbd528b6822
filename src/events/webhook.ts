/**
 * The request EventBridge makes to a webhook target for one event: the module's input transformer
 * and header parameters evaluated on the event, plus what the connection adds (its auth header) and
 * what EventBridge always sends (JSON content type). Used by the webhook contract test.
 */
import type { MediaEvent } from "../types/events.generated";
import { applyInputTransformer, readPath } from "./payload-template";

/** What a webhook receives for event E (schemas/events.schema.json WebhookBody). */
export type WebhookBody<E extends MediaEvent = MediaEvent> = E extends MediaEvent
  ? { id: string; type: E["detail-type"]; source: E["source"]; time: string; detail: E["detail"] }
  : never;

export interface WebhookTargetConfig {
  inputTransformer: { inputPaths: Record<string, string>; inputTemplate: string };
  headerParameters: Record<string, string>;
}

export interface ConnectionAuth {
  type: "api_key" | "basic" | "oauth_client_credentials";
  header?: string;
  username?: string;
  secret: string;
  /** OAuth: the access token the token endpoint returned. */
  accessToken?: string;
}

export function webhookRequest(event: MediaEvent, target: WebhookTargetConfig, auth: ConnectionAuth): { body: string; headers: Record<string, string> } {
  const body = applyInputTransformer(target.inputTransformer.inputPaths, target.inputTransformer.inputTemplate, event);
  // Header values that are JSONPaths are read from the event (dynamic parameters); others are sent as they are.
  const headers: Record<string, string> = { "content-type": "application/json; charset=utf-8" };
  for (const [name, value] of Object.entries(target.headerParameters))
    headers[name.toLowerCase()] = value.startsWith("$.") ? String(readPath(event, value)) : value;
  if (auth.type === "api_key") headers[auth.header!.toLowerCase()] = auth.secret;
  else if (auth.type === "basic") headers.authorization = `Basic ${Buffer.from(`${auth.username}:${auth.secret}`).toString("base64")}`;
  else headers.authorization = `Bearer ${auth.accessToken}`;
  return { body, headers };
}
