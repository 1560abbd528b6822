/** A worker thread of the render pool (render-pool.ts): renders the jobs it is sent, one at a time, and posts each module back. */
import { parentPort } from "node:worker_threads";
import { RenderJob, renderJob, serializeError } from "./render-job";

export interface JobMessage {
  index: number;
  job: RenderJob;
}

export type ResultMessage =
  | { index: number; ok: true; pipelineId: string; files: Array<[string, string]>; ms: number }
  | { index: number; ok: false; error: ReturnType<typeof serializeError> };

parentPort?.on("message", (message: JobMessage) => {
  renderJob(message.job).then(
    ({ module, ms }) =>
      parentPort!.postMessage({ index: message.index, ok: true, pipelineId: module.pipelineId, files: [...module.files], ms } satisfies ResultMessage),
    (err: unknown) => parentPort!.postMessage({ index: message.index, ok: false, error: serializeError(err) } satisfies ResultMessage),
  );
});
