/**
 * The media catalog (the seed's Media Provider Registry): profiles, ladders, sources, outputs, tiers
 * and regions, read from data/catalog.json. Data lives in the data file; this module only answers questions.
 */
import * as fs from "node:fs";
import type { MediaCatalog, Profile, SourceKind, Tier } from "../types/catalog.generated";
import { projectPath } from "./project-paths";

export type { MediaCatalog, Profile, SourceKind, Tier };

let cached: MediaCatalog | undefined;

export function catalogFile(): string {
  return projectPath("data", "catalog.json");
}

export function loadCatalog(): MediaCatalog {
  cached ??= JSON.parse(fs.readFileSync(catalogFile(), "utf8")) as MediaCatalog;
  return cached;
}

/** Canonical tier name: staging -> standard, production -> enterprise. */
export function canonicalTier(catalog: MediaCatalog, tier: string): string {
  return catalog.tier_aliases[tier] ?? tier;
}

/** Canonical source kind: obs -> rtmp. */
export function canonicalSource(catalog: MediaCatalog, name: string): string {
  return catalog.sources[name]?.alias_of ?? name;
}

/** Expands profile and ladder names to catalog rung names, keeping order and dropping repeats. */
export function expandProfileNames(catalog: MediaCatalog, names: string[]): string[] {
  const out: string[] = [];
  for (const name of names) {
    const rungs = catalog.ladders[name]?.rungs ?? [name];
    for (const r of rungs) if (!out.includes(r)) out.push(r);
  }
  return out;
}

export function isKnownProfileOrLadder(catalog: MediaCatalog, name: string): boolean {
  return name in catalog.profiles || name in catalog.ladders;
}

export function profileAndLadderNames(catalog: MediaCatalog): string[] {
  return [...Object.keys(catalog.profiles), ...Object.keys(catalog.ladders)];
}

/** Pixel height limit of a MediaLive input resolution class. */
export const MAX_HEIGHT_BY_RESOLUTION: Record<string, number> = { SD: 576, HD: 1080, UHD: 2160 };
