/** How many creators' roots a local fleet run plans at once when the user does not say. */
import * as os from "node:os";

/**
 * Memory of one root while it plans: terraform and the aws provider it starts peak at about 520 MiB together (measured
 * with hashicorp/aws 5.100); the rest is headroom for a larger module or state.
 */
export const ROOT_MEMORY_BYTES = 768 * 2 ** 20;

export interface MachineShare {
  cores: number;
  freeBytes: number;
}

/**
 * A plan is CPU-bound (terraform and the provider decode the provider's schema), so more roots than cores only
 * interleave; fewer than the free memory holds, so the machine never swaps. At least one.
 */
export function localConcurrency(m: MachineShare, perRootBytes = ROOT_MEMORY_BYTES): number {
  return Math.max(1, Math.min(Math.floor(m.cores), Math.floor(m.freeBytes / perRootBytes)));
}

/** This machine's cores and the memory available now. */
export function machineShare(): MachineShare {
  return { cores: os.availableParallelism(), freeBytes: os.freemem() };
}
