/**
 * Feature generators that many pipelines do not use, loaded on first use. Each brings provider bindings of its own
 * (automation: pipes-pipe's 1.3 MB, the scheduler, budgets, SNS, SQS, KMS; viewer analytics: Glue, Athena, log
 * delivery; event delivery: API destinations and connections; VOD: MediaConvert queues, bucket notifications) that a
 * pipeline without the feature would otherwise parse in every synth process: about 3 MB of JavaScript for a plain live
 * pipeline (issue 20). Type positions import the modules with `import type`, which loads nothing.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- deferring these loads is the point of this file */
export const adInsertionGenerator = () => require("./ad-insertion") as typeof import("./ad-insertion");
export const automationGenerator = () => require("./automation") as typeof import("./automation");
export const eventDeliveryGenerator = () => require("./event-delivery") as typeof import("./event-delivery");
export const ivsGenerator = () => require("./ivs") as typeof import("./ivs");
export const slateGenerator = () => require("./slate") as typeof import("./slate");
export const srtCallerInputGenerator = () => require("./medialive-srt-input") as typeof import("./medialive-srt-input");
export const viewerAnalyticsGenerator = () => require("./viewer-analytics") as typeof import("./viewer-analytics");
export const vodGenerator = () => require("./vod") as typeof import("./vod");
