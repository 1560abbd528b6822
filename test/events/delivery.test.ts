/**
 * Delivery targets from the definition's events section: another account's bus through a role that
 * may only put events on it, webhooks through API destinations (API-key, basic, OAuth client
 * credentials; secret only as a sensitive variable), retries and an encrypted, alarmed dead-letter
 * queue; and the webhook contract: a local server receives, per event type, the body and headers the
 * module's input transformer and header parameters produce, and they validate against the schema.
 */
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import { loadCatalog } from "../../src/core/catalog";
import { resolvePipeline } from "../../src/core/resolve";
import { renderPipelineModule } from "../../src/synth/module-render";
import { validateAgainstDefinition, validateAgainstSchema } from "../../src/core/schema-validation";
import { EVENT_TYPES, sampleEvent } from "../../src/events/samples";
import { matchesPattern } from "../../src/events/payload-template";
import { webhookRequest } from "../../src/events/webhook";
import { runSemanticRules } from "../../src/core/semantic-rules";
import { checkModuleFiles, formatFindings } from "../../src/validity/rules";
import { moduleFromContents } from "../../src/validity/module-files";

const PLATFORM_BUS = "arn:aws:events:us-east-1:444455556666:event-bus/acme-platform";
export const DELIVERY_DEFINITION = {
  pipeline_id: "product-demos",
  title: "Product demos, live",
  pipeline_type: "hybrid",
  sources: [{ type: "rtmp", allowed_cidrs: ["203.0.113.0/24"] }],
  transcode_profiles: ["abr_720p"],
  outputs: ["cloudfront"],
  region: "us-east-1",
  tier: "development",
  events: {
    client_id: "acme-shop",
    targets: [
      { kind: "event_bus", event_bus_arn: PLATFORM_BUS },
      {
        kind: "webhook",
        name: "shop",
        url: "https://shop.example.com/hooks/media",
        auth: { type: "api_key", header: "X-Shop-Key" },
        rate_limit_per_second: 5,
        event_types: ["stream.started", "stream.ended"],
        retry: { maximum_retry_attempts: 10, maximum_event_age_seconds: 3600 },
      },
      { kind: "webhook", name: "crm", url: "https://crm.example.com/in", auth: { type: "basic", username: "blackwell" } },
      {
        kind: "webhook",
        name: "cms",
        url: "https://cms.example.com/events",
        auth: { type: "oauth_client_credentials", token_url: "https://auth.example.com/oauth2/token", client_id: "media-events", scope: "events:write" },
      },
    ],
  },
};

const resolved = resolvePipeline(DELIVERY_DEFINITION as never, loadCatalog());
const files = renderPipelineModule(resolved).files;
const delivery = JSON.parse(files.get("event_delivery.tf.json")!);
const res = delivery.resource;
const variables = JSON.parse(files.get("variables.tf.json")!).variable;

test("the events section resolves with defaults: names, all event types, EventBridge's retry defaults, x-api-key, 10 calls a second", () => {
  const plain = resolvePipeline(
    {
      ...DELIVERY_DEFINITION,
      events: {
        targets: [
          { kind: "webhook", url: "https://a.example/x", auth: { type: "api_key" } },
          { kind: "event_bus", event_bus_arn: PLATFORM_BUS },
        ],
      },
    } as never,
    loadCatalog(),
  );
  expect(plain.events).toEqual({
    client_id: "product-demos",
    live_status: false,
    targets: [
      {
        kind: "webhook",
        name: "webhook",
        url: "https://a.example/x",
        auth: { type: "api_key", header: "x-api-key" },
        rate_limit_per_second: 10,
        event_types: EVENT_TYPES,
        retry: { maximum_retry_attempts: 185, maximum_event_age_seconds: 86400 },
      },
      {
        kind: "event_bus",
        name: "bus",
        event_bus_arn: PLATFORM_BUS,
        event_types: EVENT_TYPES,
        retry: { maximum_retry_attempts: 185, maximum_event_age_seconds: 86400 },
      },
    ],
  });
});

test("the platform bus is a target through a role that may put events on that bus only", () => {
  const target = res.aws_cloudwatch_event_target.deliver_bus;
  expect(target).toMatchObject({
    arn: PLATFORM_BUS,
    event_bus_name: "${aws_cloudwatch_event_bus.pipeline.name}",
    role_arn: "${aws_iam_role.deliver_bus_role.arn}",
    dead_letter_config: { arn: "${aws_sqs_queue.dead_letter.arn}" },
  });
  const policy = delivery.data.aws_iam_policy_document.deliver_bus_permissions.statement;
  expect(policy).toEqual([{ sid: "PutOnTheTargetBusOnly", effect: "Allow", actions: ["events:PutEvents"], resources: [PLATFORM_BUS] }]);
  expect(res.aws_iam_role.deliver_bus_role.name).toBe("${var.name_prefix}-deliver-bus");
});

test("the module README prints the statement the platform bus's owner adds to its policy", () => {
  const readme = files.get("README.md")!;
  const json = /```json\n([\s\S]+?)\n```/.exec(readme.slice(readme.indexOf("## Events")))![1];
  expect(JSON.parse(json)).toEqual({
    Version: "2012-10-17",
    Statement: [
      {
        Sid: "AllowBlackwellproductdemosbus",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::ACCOUNT_ID:role/product-demos-deliver-bus" },
        Action: "events:PutEvents",
        Resource: PLATFORM_BUS,
      },
    ],
  });
  expect(readme).toContain(
    "webhook `https://shop.example.com/hooks/media` (POST, at most 5 calls a second, API key (header X-Shop-Key) auth; the secret is the sensitive input `webhook_shop_secret`)",
  );
});

test("webhooks: a connection per auth kind whose secret is a sensitive variable, a rate-limited destination, an invoke-only role", () => {
  const c = res.aws_cloudwatch_event_connection;
  expect(c.deliver_shop_connection).toMatchObject({
    authorization_type: "API_KEY",
    auth_parameters: { api_key: { key: "X-Shop-Key", value: "${var.webhook_shop_secret}" } },
  });
  expect(c.deliver_crm_connection).toMatchObject({
    authorization_type: "BASIC",
    auth_parameters: { basic: { username: "blackwell", password: "${var.webhook_crm_secret}" } },
  });
  expect(c.deliver_cms_connection).toMatchObject({
    authorization_type: "OAUTH_CLIENT_CREDENTIALS",
    auth_parameters: {
      oauth: {
        authorization_endpoint: "https://auth.example.com/oauth2/token",
        http_method: "POST",
        client_parameters: { client_id: "media-events", client_secret: "${var.webhook_cms_secret}" },
      },
    },
  });
  for (const name of ["shop", "crm", "cms"]) expect(variables[`webhook_${name}_secret`]).toMatchObject({ type: "string", sensitive: true });
  expect(variables.webhook_shop_secret.default).toBeUndefined();
  expect(res.aws_cloudwatch_event_api_destination.deliver_shop_destination).toMatchObject({
    invocation_endpoint: "https://shop.example.com/hooks/media",
    http_method: "POST",
    invocation_rate_limit_per_second: 5,
  });
  expect(delivery.data.aws_iam_policy_document.deliver_shop_permissions.statement).toEqual([
    {
      sid: "InvokeThisWebhookOnly",
      effect: "Allow",
      actions: ["events:InvokeApiDestination"],
      resources: ["${aws_cloudwatch_event_api_destination.deliver_shop_destination.arn}"],
    },
  ]);
  expect(res.aws_cloudwatch_event_target.deliver_shop).toMatchObject({
    retry_policy: { maximum_retry_attempts: 10, maximum_event_age_in_seconds: 3600 },
    dead_letter_config: { arn: "${aws_sqs_queue.dead_letter.arn}" },
  });
  // A secret has no place in the definition: the schema refuses one.
  const withKey = structuredClone(DELIVERY_DEFINITION) as { events: { targets: Array<{ auth?: Record<string, string> }> } };
  withKey.events.targets[1].auth!.value = "sk_live_abc";
  expect(validateAgainstSchema("pipeline", withKey, "p.json").map((p) => p.path)).toContain("$.events.targets[1].auth.value");
});

test("undelivered events wait in an encrypted queue only the delivery rules may write to, and an alarm says so", () => {
  expect(res.aws_sqs_queue.dead_letter).toMatchObject({ sqs_managed_sse_enabled: true, message_retention_seconds: 1209600 });
  const access = delivery.data.aws_iam_policy_document.dead_letter_access.statement[0];
  expect(access).toMatchObject({ actions: ["sqs:SendMessage"], principals: [{ type: "Service", identifiers: ["events.amazonaws.com"] }] });
  expect(access.condition[0].values.sort()).toEqual(["bus", "cms", "crm", "shop"].map((n) => `\${aws_cloudwatch_event_rule.deliver_${n}.arn}`).sort());
  expect(res.aws_cloudwatch_metric_alarm.dead_letter).toMatchObject({
    namespace: "AWS/SQS",
    metric_name: "ApproximateNumberOfMessagesVisible",
    threshold: 0,
    comparison_operator: "GreaterThanThreshold",
    dimensions: { QueueName: "${aws_sqs_queue.dead_letter.name}" },
  });
});

test("with an events section the normalizers add client id, source event id and reason to what they publish", () => {
  const events = JSON.parse(files.get("events.tf.json")!).locals;
  const ended = events.stream_state_definition.States["stream.ended"].Parameters.Entries[0].Detail;
  expect(ended).toMatchObject({ client_id: "acme-shop", "source_event_id.$": "$.id", "reason.$": "$.detail.message", title: "Product demos, live" });
  expect(Object.keys(ended.playback_urls).sort()).toEqual(["cmaf", "dash", "hls"]);
  const failed = events.transcode_state_definition.States["transcode.failed"].Parameters.Entries[0].Detail;
  expect(failed).toMatchObject({ client_id: "acme-shop", "error_code.$": "$.detail.errorCode", "reason.$": "$.detail.errorMessage" });
});

describe("webhook contract", () => {
  const received: Array<{ body: string; headers: http.IncomingHttpHeaders; method?: string }> = [];
  let server: http.Server;
  let url: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c) => (body += c));
      req.on("end", () => {
        received.push({ body, headers: req.headers, method: req.method });
        res.writeHead(202).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/media`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  test("the shop webhook receives, per event type it subscribed to, a body and headers the schema accepts", async () => {
    const t = res.aws_cloudwatch_event_target.deliver_shop;
    const pattern = JSON.parse(JSON.stringify(delivery.locals.deliver_shop_pattern));
    const config = {
      inputTransformer: { inputPaths: t.input_transformer.input_paths, inputTemplate: t.input_transformer.input_template },
      headerParameters: t.http_target.header_parameters,
    };
    const auth = {
      type: "api_key" as const,
      header: res.aws_cloudwatch_event_connection.deliver_shop_connection.auth_parameters.api_key.key,
      secret: "test-key-not-a-secret",
    };
    const matched = EVENT_TYPES.map(sampleEvent).filter((e) => matchesPattern(pattern, e));
    expect(matched.map((e) => e["detail-type"])).toEqual(["stream.started", "stream.ended"]);
    for (const event of matched) {
      const request = webhookRequest(event, config, auth);
      const r = await fetch(url, { method: "POST", headers: request.headers, body: request.body });
      expect(r.status).toBe(202);
    }
    expect(received).toHaveLength(2);
    for (const [i, got] of received.entries()) {
      const body = JSON.parse(got.body);
      expect(validateAgainstDefinition("events", "WebhookBody", body, `webhook body ${i}`)).toEqual([]);
      expect(body).toEqual({ id: matched[i].id, type: matched[i]["detail-type"], source: "blackwell.media", time: matched[i].time, detail: matched[i].detail });
      expect(got).toMatchObject({
        method: "POST",
        headers: {
          "content-type": "application/json; charset=utf-8",
          "x-shop-key": "test-key-not-a-secret",
          "x-blackwell-event-type": body.type,
          "x-blackwell-event-id": body.id,
        },
      });
      // The full event validates too: the body is the event minus account, region and resources.
      expect(validateAgainstSchema("events", matched[i], "event")).toEqual([]);
    }
  });

  test("every event type makes a valid webhook body, and a wrong one is refused", () => {
    const t = res.aws_cloudwatch_event_target.deliver_crm;
    const config = {
      inputTransformer: { inputPaths: t.input_transformer.input_paths, inputTemplate: t.input_transformer.input_template },
      headerParameters: t.http_target.header_parameters,
    };
    for (const type of EVENT_TYPES) {
      const { body, headers } = webhookRequest(sampleEvent(type), config, { type: "basic", username: "blackwell", secret: "pw" });
      expect(validateAgainstDefinition("events", "WebhookBody", JSON.parse(body), type)).toEqual([]);
      expect(headers.authorization).toBe(`Basic ${Buffer.from("blackwell:pw").toString("base64")}`);
    }
    const body = JSON.parse(webhookRequest(sampleEvent("transcode.failed"), config, { type: "basic", username: "b", secret: "s" }).body);
    expect(validateAgainstDefinition("events", "WebhookBody", { ...body, type: "transcode.completed" }, "x")).not.toEqual([]);
  });
});

test("the delivery module passes every validity rule (AWS API models, CloudFormation schemas, consistency)", () => {
  expect(formatFindings(checkModuleFiles(moduleFromContents(files)).findings)).toBe("");
});

test("a connection's authorization type outside EventBridge's API model is a finding", () => {
  const broken = new Map(files);
  const doc = JSON.parse(broken.get("event_delivery.tf.json")!);
  doc.resource.aws_cloudwatch_event_connection.deliver_shop_connection.authorization_type = "APIKEY";
  broken.set("event_delivery.tf.json", JSON.stringify(doc));
  expect(formatFindings(checkModuleFiles(moduleFromContents(broken)).findings)).toMatch(/APIKEY/);
});

test("two targets of one name, or a live-status document with nothing to serve it, are refused with their JSON path", () => {
  const problems = (events: unknown, fields: Record<string, unknown> = {}) =>
    runSemanticRules({ ...DELIVERY_DEFINITION, ...fields, events } as never, loadCatalog(), "p.json").filter((p) => p.rule === "BMF-EVENTS");
  expect(problems(DELIVERY_DEFINITION.events)).toEqual([]);
  const twice = problems({
    targets: [
      { kind: "event_bus", event_bus_arn: PLATFORM_BUS },
      { kind: "webhook", name: "bus", url: "https://a.example/x", auth: { type: "api_key" } },
    ],
  });
  expect(twice.map((p) => [p.path, p.severity])).toEqual([["$.events.targets[1].name", "error"]]);
  const noCdn = problems({ live_status: true }, { pipeline_type: "vod_processing" });
  expect(noCdn.map((p) => p.path)).toEqual(["$.events.live_status"]);
  expect(noCdn[0].message).toMatch(/live or hybrid pipeline with the 'cloudfront' output/);
});
