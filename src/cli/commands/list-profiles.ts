import type { CommandModule } from "yargs";
import { jsonOption } from "../pipeline-options";

interface Args {
  json: boolean;
}

export const listProfilesCommand: CommandModule<object, Args> = {
  command: "list-profiles",
  describe: "List transcode profiles (rungs) and ABR ladders from the catalog",
  builder: (y) =>
    jsonOption(y, "Print as JSON")
      .example("$0 media list-profiles", "Show every rung and ladder")
      .example("$0 media list-profiles --json | jq '.ladders.abr_1080p'", "One ladder, as JSON"),
  handler: async (args) => {
    const { loadCatalog } = await import("../../core/catalog");
    const { printJson, printTable } = await import("../output");
    const { codecLevel } = await import("../../core/codec-levels");
    const { framerateOf } = await import("../../core/resolve");
    const levelOf = (p: (typeof catalog.profiles)[string]) => {
      const [num, den] = framerateOf(p.fps ?? 30);
      const choice = codecLevel({
        codec: p.codec ?? "h264",
        profile: p.profile,
        width: p.width!,
        height: p.height!,
        framerateNumerator: num,
        framerateDenominator: den,
        maxBitrate: p.bitrate!,
      });
      return choice.level ?? "none";
    };
    const catalog = loadCatalog();
    if (args.json) return printJson({ profiles: catalog.profiles, ladders: catalog.ladders });
    const kbps = (b?: number) => (b ? `${Math.round(b / 1000)}k` : "-");
    printTable(
      ["PROFILE", "SIZE", "MAX BITRATE", "QVBR", "FPS", "CODEC", "PROFILE/LEVEL", "GOP", "AUDIO"],
      Object.entries(catalog.profiles).map(([name, p]) => [
        name,
        p.kind === "audio" ? "audio only" : `${p.width}x${p.height}`,
        kbps(p.bitrate),
        p.qvbr_quality ?? "-",
        p.fps ?? "-",
        p.codec ?? "aac",
        p.profile ? `${p.profile}/${levelOf(p)}` : "-",
        p.gop_seconds ? `${p.gop_seconds}s` : "-",
        kbps(p.audio_bitrate),
      ]),
    );
    process.stdout.write("\n");
    printTable(
      ["LADDER", "RUNGS", "DESCRIPTION"],
      Object.entries(catalog.ladders).map(([name, l]) => [name, l.rungs.join(","), l.description]),
    );
  },
};
