/**
 * Issue 15: a corrupt fleet record (truncated, empty, [], {}, {"creators":null}, binary, a folder in its place) or a
 * truncated terraform.tfstate is one error naming the file and how to recover, for deploy-template (runFleet reads
 * the record first) and destroy-template (through the CLI), never a stack trace.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { UserError } from "../../src/core/problems";
import { fleetStateFile, forgetCreators, readFleetState, runFleet } from "../../src/fleet/run-fleet";
import { deployedResources } from "../../src/terraform/workflow";
import { runCli } from "../support/cli";

const EXAMPLES = path.resolve(__dirname, "..", "..", "..", "examples");
const valid = JSON.stringify({ creators: { creator1: { status: "succeeded", at: "2026-12-01T00:00:00.000Z" } } });

const CORRUPT: Record<string, string | Buffer> = {
  truncated: valid.slice(0, 30),
  empty: "",
  array: "[]",
  "empty object": "{}",
  "null creators": '{"creators":null}',
  "wrong status": '{"creators":{"creator1":{"status":"done","at":"x"}}}',
  binary: Buffer.from([0x00, 0xff, 0x13, 0x37, 0x89, 0x50, 0x4e, 0x47]),
  folder: "folder",
};

function recordWith(content: string | Buffer): string {
  const file = fleetStateFile("creator-channel", path.join(fs.mkdtempSync(path.join(os.tmpdir(), "bmf-record-")), ".blackwell", "fleet"));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  if (content === "folder") fs.mkdirSync(file);
  else fs.writeFileSync(file, content);
  return file;
}

function errorOf(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(UserError);
    return (err as Error).message;
  }
  throw new Error("expected an error");
}

test.each(Object.keys(CORRUPT))("a fleet record that is %s: one error naming the file and how to recover, from every reader", async (kind) => {
  const file = recordWith(CORRUPT[kind]);
  const message = errorOf(() => readFleetState(file));
  expect(message).toContain(file);
  expect(message).toMatch(/(corrupt|not a fleet record|a folder is in its place).*delete or move it to start over/);
  expect(message).not.toContain("\n");
  await expect(runFleet({ creators: ["creator1"], concurrency: 1, stateFile: file, step: () => Promise.resolve() })).rejects.toThrow(message);
  expect(() => forgetCreators(file, ["creator1"])).toThrow(message);
});

test("a valid record still reads, and deleting a corrupt one starts over", async () => {
  expect(readFleetState(recordWith(valid)).creators.creator1.status).toBe("succeeded");
  const file = recordWith(CORRUPT.truncated);
  fs.rmSync(file);
  const results = await runFleet({ creators: ["creator1"], concurrency: 1, stateFile: file, step: () => Promise.resolve() });
  expect(results.map((r) => r.status)).toEqual(["succeeded"]);
  expect(readFleetState(file).creators.creator1.status).toBe("succeeded");
});

test("a truncated or non-state terraform.tfstate names the file and the backup to restore", () => {
  for (const content of ['{"version": 4, "resources": [{"mode": "managed"', "[]", '{"resources": 3}']) {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-state-"));
    fs.writeFileSync(path.join(root, "main.tf.json"), "{}");
    fs.writeFileSync(path.join(root, "terraform.tfstate"), content);
    const message = errorOf(() => deployedResources(root));
    expect(message).toMatch(
      new RegExp(`^terraform state ${path.join(root, "terraform.tfstate")} is corrupt \\(.*\\); restore it from .*terraform\\.tfstate\\.backup`),
    );
  }
});

test("destroy-template through the CLI: a corrupt record and a truncated state are one line each, exit 1", () => {
  const cwd = fs.mkdtempSync(path.join(os.tmpdir(), "bmf-destroy-corrupt-"));
  const record = fleetStateFile("creator-channel", path.join(cwd, ".blackwell", "fleet"));
  fs.mkdirSync(record, { recursive: true }); // a folder in its place
  const args = ["media", "destroy-template", "creator-channel", "--dir", EXAMPLES, "--yes", "--creators", "creator1"];
  let r = runCli(args, { cwd });
  expect({
    status: r.status,
    stderr: r.stderr
      .trim()
      .split("\n")
      .filter((l) => l.startsWith("error:")),
  }).toEqual({ status: 1, stderr: [expect.stringContaining(`cannot read the fleet record .blackwell/fleet/creator-channel.json: a folder is in its place`)] });
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);

  fs.rmSync(record, { recursive: true });
  const root = path.join(cwd, ".blackwell", "work", "creator-channel-creator1");
  fs.mkdirSync(root, { recursive: true });
  fs.writeFileSync(path.join(root, "main.tf.json"), "{}");
  fs.writeFileSync(path.join(root, "terraform.tfstate"), '{"version": 4, "resources": [');
  r = runCli(args, { cwd });
  expect(r.status).toBe(1);
  expect(r.stderr).toMatch(new RegExp(`^error: terraform state ${path.join(root, "terraform.tfstate")} is corrupt \\(not valid JSON`, "m"));
  expect(r.stderr).not.toMatch(/internal error|\n\s+at /);
});
