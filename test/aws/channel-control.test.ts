/**
 * stream start/stop: every state transition MediaLive can report, the idempotent cases, --no-wait, the
 * timeout (injected clock and sleep, no real waiting) and refusals from wrong states. MediaLive mocked with
 * API-shaped DescribeChannel/StartChannel/StopChannel responses.
 */
import { mockClient } from "aws-sdk-client-mock";
import { DescribeChannelCommand, MediaLiveClient, StartChannelCommand, StopChannelCommand } from "@aws-sdk/client-medialive";
import { ChannelAction, controlChannel } from "../../src/aws/channel-control";
import { UserError } from "../../src/core/problems";

const CHANNEL = "1234567";
const ml = mockClient(MediaLiveClient);
afterEach(() => ml.reset());
afterAll(() => ml.restore());

/** DescribeChannel answers these states in turn (the last one repeats). */
function states(...seq: string[]) {
  let d = ml.on(DescribeChannelCommand);
  for (const s of seq.slice(0, -1)) d = d.resolvesOnce({ Id: CHANNEL, State: s as never, PipelinesRunningCount: s === "RUNNING" ? 1 : 0 });
  d.resolves({ Id: CHANNEL, State: seq[seq.length - 1] as never });
}

/** A fake clock that each sleep advances; returns the options and the progress seen. */
function run(action: ChannelAction, extra: { wait?: boolean; timeoutMs?: number } = {}) {
  let t = 0;
  const seen: string[] = [];
  const promise = controlChannel(new MediaLiveClient({ region: "us-east-1" }), CHANNEL, action, "studio-live", {
    wait: extra.wait ?? true,
    timeoutMs: extra.timeoutMs ?? 60_000,
    pollMs: 5000,
    sleep: (ms) => Promise.resolve(void (t += ms)),
    now: () => t,
    onProgress: (p) => seen.push(`${p.state}@${p.elapsedMs / 1000}`),
  });
  return { promise, seen };
}

test("start: IDLE -> StartChannel -> STARTING -> RUNNING, with a progress report per poll", async () => {
  states("IDLE", "STARTING", "STARTING", "RUNNING");
  ml.on(StartChannelCommand).resolves({ Id: CHANNEL, State: "STARTING" });
  const { promise, seen } = run("start");
  const r = await promise;
  expect(r).toMatchObject({ before: "IDLE", state: "RUNNING", requested: true, reached: true, elapsedMs: 15_000 });
  expect(ml.commandCalls(StartChannelCommand).map((c) => c.args[0].input)).toEqual([{ ChannelId: CHANNEL }]);
  expect(ml.commandCalls(StopChannelCommand)).toHaveLength(0);
  expect(seen).toEqual(["STARTING@0", "STARTING@5", "STARTING@10", "RUNNING@15"]);
});

test("start: an already RUNNING channel is left alone (idempotent)", async () => {
  states("RUNNING");
  const r = await run("start").promise;
  expect(r).toMatchObject({ before: "RUNNING", state: "RUNNING", requested: false, reached: true });
  expect(ml.commandCalls(StartChannelCommand)).toHaveLength(0);
});

test("start: a STARTING channel is waited for, not started twice", async () => {
  states("STARTING", "RUNNING");
  const r = await run("start").promise;
  expect(r).toMatchObject({ requested: false, reached: true, state: "RUNNING" });
  expect(ml.commandCalls(StartChannelCommand)).toHaveLength(0);
});

test("start --no-wait returns STARTING after one DescribeChannel and the StartChannel", async () => {
  states("IDLE", "STARTING");
  ml.on(StartChannelCommand).resolves({ Id: CHANNEL, State: "STARTING" });
  const r = await run("start", { wait: false }).promise;
  expect(r).toMatchObject({ state: "STARTING", requested: true, reached: false });
  expect(ml.commandCalls(DescribeChannelCommand)).toHaveLength(1);
});

test("start: still STARTING at the timeout is one clear error (the clock is injected: nothing really waits)", async () => {
  states("IDLE", "STARTING");
  ml.on(StartChannelCommand).resolves({});
  await expect(run("start", { timeoutMs: 20_000 }).promise).rejects.toThrow(/still STARTING after 20 s \(--timeout 20\).*blackwell media status studio-live/);
});

test("start: a channel that falls back to IDLE while starting is reported, not waited for forever", async () => {
  states("IDLE", "STARTING", "IDLE");
  ml.on(StartChannelCommand).resolves({});
  await expect(run("start").promise).rejects.toThrow(/went IDLE instead of RUNNING while starting/);
});

test("stop: RUNNING -> StopChannel -> STOPPING -> IDLE; an IDLE channel is left alone; STOPPING is waited for", async () => {
  states("RUNNING", "STOPPING", "IDLE");
  ml.on(StopChannelCommand).resolves({ Id: CHANNEL, State: "STOPPING" });
  expect(await run("stop").promise).toMatchObject({ before: "RUNNING", state: "IDLE", requested: true, reached: true });
  expect(ml.commandCalls(StopChannelCommand)).toHaveLength(1);
  ml.reset();
  states("IDLE");
  expect(await run("stop").promise).toMatchObject({ requested: false, reached: true });
  expect(ml.commandCalls(StopChannelCommand)).toHaveLength(0);
  ml.reset();
  states("STOPPING", "IDLE");
  expect(await run("stop").promise).toMatchObject({ requested: false, reached: true });
  expect(ml.commandCalls(StopChannelCommand)).toHaveLength(0);
});

test.each([
  ["start", "CREATE_FAILED", /could not create it.*blackwell media deploy studio-live/],
  ["start", "UPDATE_FAILED", /last update failed/],
  ["start", "CREATING", /wait until it settles/],
  ["start", "DELETING", /going away/],
  ["start", "STOPPING", /wait until it is IDLE/],
  ["stop", "CREATE_FAILED", /could not create it/],
  ["stop", "DELETED", /going away/],
  ["stop", "UPDATING", /wait until it settles/],
] as Array<[ChannelAction, string, RegExp]>)("%s from %s is refused with what to do, before any Start/Stop call", async (action, state, message) => {
  states(state);
  const err = await run(action).promise.catch((e) => e);
  expect(err).toBeInstanceOf(UserError);
  expect(err.message).toMatch(new RegExp(`^channel ${CHANNEL} is ${state}: `));
  expect(err.message).toMatch(message);
  expect(err.message).not.toMatch(/\n/);
  expect(ml.commandCalls(StartChannelCommand)).toHaveLength(0);
  expect(ml.commandCalls(StopChannelCommand)).toHaveLength(0);
});

test("stop from RECOVERING or STARTING asks MediaLive to stop", async () => {
  for (const s of ["RECOVERING", "STARTING"]) {
    ml.reset();
    states(s, "IDLE");
    ml.on(StopChannelCommand).resolves({});
    expect(await run("stop").promise).toMatchObject({ before: s, requested: true, state: "IDLE" });
  }
});
