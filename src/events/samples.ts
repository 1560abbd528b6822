/**
 * Example events for site developers (`blackwell media events sample <type>`), made the way the module
 * makes them: the pipeline's payload templates (src/plans/events.ts) evaluated on AWS's documented
 * example events (data/aws-event-samples.json), wrapped in the envelope EventBridge adds.
 */
import * as fs from "node:fs";
import { projectPath } from "../core/project-paths";
import { EVENT_SOURCE } from "../plans/event-names";
import {
  EventEnrichment,
  EventMapping,
  archiveCreatedDetail,
  channelAutoStoppedDetail,
  publishingStates,
  staticEventDetail,
  streamStateMapping,
  transcodeStateMapping,
} from "../plans/events";
import type { MediaEvent } from "../types/events.generated";
import { PutEventsEntry, deliveredEvent, runPublishingDefinition } from "./payload-template";

/** A detail-type of the contract. */
export type EventType = MediaEvent["detail-type"];

export const EVENT_TYPES: EventType[] = [
  "stream.started",
  "stream.ended",
  "transcode.completed",
  "transcode.failed",
  "archive.created",
  "channel.auto_stopped",
];

export type AwsSampleName =
  "medialive_channel_running" | "medialive_channel_stopped" | "mediaconvert_job_complete" | "mediaconvert_job_error" | "s3_object_created";

/** AWS's documented example of one service event (data/aws-event-samples.json). */
export function awsSampleEvent(name: AwsSampleName): Record<string, unknown> & { detail: Record<string, unknown> } {
  const all = JSON.parse(fs.readFileSync(projectPath("data", "aws-event-samples.json"), "utf8"));
  return structuredClone(all[name]);
}

const PIPELINE = "product-demos";
const DOMAIN = "https://d111111abcdef8.cloudfront.net";
const ENRICHMENT: EventEnrichment = {
  clientId: "acme-shop",
  title: "Product demos",
  playbackUrls: { hls: `${DOMAIN}/out/v1/product-demos/live/hls/index.m3u8`, dash: `${DOMAIN}/out/v1/product-demos/live/dash/index.mpd` },
};
const BUS_ARN = "arn:aws:events:us-west-2:111122223333:event-bus/product-demos-media-events";

/** Runs one mapping's state machine, as the module defines it, on an AWS sample event. */
function published(
  mapping: EventMapping,
  sample: AwsSampleName,
  stream?: { playbackUrl?: string },
): { entry: PutEventsEntry; source: Record<string, unknown> } {
  const source = awsSampleEvent(sample);
  const states = publishingStates(mapping, staticEventDetail(PIPELINE, ENRICHMENT, stream), { busArn: BUS_ARN, partition: "aws", source: EVENT_SOURCE });
  const [entry] = runPublishingDefinition({ StartAt: "Route", States: states as never }, source);
  return { entry, source };
}

function envelope(entry: PutEventsEntry, time: string, id: string): MediaEvent {
  return deliveredEvent(entry, { id, account: "111122223333", region: "us-west-2", time }) as unknown as MediaEvent;
}

export function sampleEvent(type: EventType): MediaEvent {
  const channelArn = awsSampleEvent("medialive_channel_running").detail.channel_arn as string;
  switch (type) {
    case "stream.started":
    case "stream.ended": {
      const { entry, source } = published(
        streamStateMapping(channelArn, ENRICHMENT),
        type === "stream.started" ? "medialive_channel_running" : "medialive_channel_stopped",
        { playbackUrl: ENRICHMENT.playbackUrls!.hls },
      );
      return envelope(
        entry,
        source.time as string,
        type === "stream.started" ? "6a7e8feb-b491-4cf7-a9f1-bf3703467718" : "3e1c2f0a-5d4b-4c3a-9e8f-7a6b5c4d3e2f",
      );
    }
    case "transcode.completed":
    case "transcode.failed": {
      const queue = awsSampleEvent("mediaconvert_job_complete").detail.queue as string;
      const { entry, source } = published(
        transcodeStateMapping(queue, ENRICHMENT),
        type === "transcode.completed" ? "mediaconvert_job_complete" : "mediaconvert_job_error",
      );
      return envelope(
        entry,
        source.time as string,
        type === "transcode.completed" ? "0b6a2c1e-9f3d-4e5a-8b7c-6d5e4f3a2b1c" : "9c8b7a6f-5e4d-4c3b-a2f1-0e9d8c7b6a5f",
      );
    }
    case "archive.created": {
      const stream = "20261125T180000";
      const detail = archiveCreatedDetail(
        {
          pipeline_id: PIPELINE,
          stream_id: stream,
          started_at: "2026-11-25T18:00:00Z",
          retention: "30d",
          location: `s3://product-demos-archive-2026/archive/${stream}/`,
          manifest_key: `archive/${stream}/archive.json`,
          objects: 1204,
          bytes: 2147483648,
          playback_urls: [`${DOMAIN}/archive/${stream}/pipeline0/index.m3u8`],
        },
        ENRICHMENT.clientId,
      );
      return envelope(
        { EventBusName: BUS_ARN, Source: EVENT_SOURCE, DetailType: type, Detail: detail as never },
        "2026-11-25T20:00:03Z",
        "11710aed-b79e-4468-a20b-bb3c0c3b4860",
      );
    }
    case "channel.auto_stopped": {
      const detail = channelAutoStoppedDetail(PIPELINE, channelArn, "2026-11-25T21:00:00Z", "no_input", ENRICHMENT.clientId);
      return envelope(
        { EventBusName: BUS_ARN, Source: EVENT_SOURCE, DetailType: type, Detail: detail as never },
        "2026-11-25T21:00:01Z",
        "7d6c5b4a-3e2f-4a1b-9c8d-7e6f5a4b3c2d",
      );
    }
  }
  throw new Error(`unknown event type ${String(type)}`);
}
